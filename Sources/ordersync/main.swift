import Foundation
import OrderSyncCLI

// Every command has closed its database (the last close checkpoints the WAL) by the time it
// returns; `exit` flushes stdio.
let code = await OrderSyncCommand.main(Array(CommandLine.arguments.dropFirst()))
exit(code.rawValue)
