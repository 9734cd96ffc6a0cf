import Glibc
import OrderSyncCLI

// Every command has closed its database (the last close checkpoints the WAL) by the time it
// returns; `exit` flushes stdio.
// A closed pipe or socket must be an error on write, not a process-killing signal.
signal(SIGPIPE, SIG_IGN)
let code = await OrderSyncCommand.main(Array(CommandLine.arguments.dropFirst()))
exit(code.rawValue)
