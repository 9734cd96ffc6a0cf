import Glibc
import OrderSyncCLI
import OrderSyncSixthDialect

// `ordersync` with the test-only sixth dialect registered: what the crash and signal tests run
// for it, since the product binary cannot contain test code. The rest is `Sources/ordersync`.
// A closed pipe or socket must be an error on write, not a process-killing signal.
signal(SIGPIPE, SIG_IGN)
SixthTestDialect.register()
let code = await OrderSyncCommand.main(Array(CommandLine.arguments.dropFirst()))
exit(code.rawValue)
