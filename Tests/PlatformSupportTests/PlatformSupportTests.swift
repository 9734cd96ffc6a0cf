import Glibc
import PlatformSupport
import Testing

/// What stands in for Foundation in the product modules behaves as the code relying on it expects.
@Suite("PlatformSupport")
struct PlatformSupportTests {
    @Test func zeroPadding() {
        #expect(String.zeroPadded(7, width: 3) == "007")
        #expect(String.zeroPadded(1234, width: 3) == "1234")
        #expect(String.zeroPadded(-5, width: 3) == "-005")
        #expect(String.zeroPadded(0, width: 2) == "00")
    }

    @Test(arguments: [
        (2.25, 1, "2.3"), (0.05, 1, "0.1"), (12.0, 1, "12.0"), (-1.25, 1, "-1.3"), (-0.04, 1, "0.0"),
        (3.14159, 3, "3.142"), (7.5, 0, "8"), (1e19, 1, "1e+19"),
    ])
    func fixedDecimals(value: Double, digits: Int, expected: String) {
        #expect(String.fixed(value, fractionDigits: digits) == expected)
    }

    @Test func parentDirectories() {
        #expect("conf/a.json".parentDirectory == "conf")
        #expect("/etc/ordersync/config.json".parentDirectory == "/etc/ordersync")
        #expect("a.json".parentDirectory == "")
        #expect("/a.json".parentDirectory == "/")
    }

    @Test func whitespaceTrimming() {
        #expect("  Bearer x \t\r\n".trimmingWhitespace() == "Bearer x")
        #expect("\t".trimmingWhitespace() == "")
        #expect("a b"[...].trimmingWhitespace() == "a b")
    }

    /// A closed descriptor is a failed write, reported, not a crash or a signal.
    @Test func writingToAClosedDescriptorFails() {
        var fds: [Int32] = [0, 0]
        #expect(pipe(&fds) == 0)
        close(fds[0])
        signal(SIGPIPE, SIG_IGN)
        #expect(!StandardStreams.write("lost\n", to: fds[1]))
        close(fds[1])
        #expect(!StandardStreams.write("lost\n", to: fds[1]))
    }

    @Test func threadsRunTheirBodiesAndTheBoxGuards() async {
        let counter = LockedBox(0)
        await withTaskGroup(of: Void.self) { group in
            for index in 0..<2 {
                group.addTask {
                    await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
                        OSThread.start(name: "test-thread-\(index)") {
                            for _ in 0..<10_000 { counter.withValue { $0 += 1 } }
                            done.resume()
                        }
                    }
                }
            }
        }
        #expect(counter.current == 20_000)
    }
}
