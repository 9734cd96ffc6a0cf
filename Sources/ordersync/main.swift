import Foundation
import OrderSyncCLI

// Exit with _exit after flushing: FoundationNetworking's OpenSSL cleanup at exit can double-free
// on this toolchain (swift-corelibs-foundation #5469), and by now everything is committed.
let code = await OrderSyncCommand.main(Array(CommandLine.arguments.dropFirst()))
fflush(nil)
_exit(code.rawValue)
