#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Foundation

extension URLSessionTransport {
    /// The one delegate of the shared session: routes each task's callbacks to its transfer.
    ///
    /// A session has a single delegate, so transfers are looked up by task identifier; the
    /// delegate form (rather than a completion handler) lets a transfer see the body arrive
    /// and cancel the moment it grows beyond the limit.
    final class SessionDelegate: NSObject, URLSessionDataDelegate, @unchecked Sendable {
        private let transfers = LockedBox<[Int: URLSessionTransfer]>([:])

        func register(_ transfer: URLSessionTransfer, for task: URLSessionTask) {
            transfers.withValue { $0[task.taskIdentifier] = transfer }
        }

        @discardableResult
        func unregister(_ task: URLSessionTask) -> URLSessionTransfer? {
            transfers.withValue { $0.removeValue(forKey: task.taskIdentifier) }
        }

        private func transfer(for task: URLSessionTask) -> URLSessionTransfer? {
            transfers.withValue { $0[task.taskIdentifier] }
        }

        func urlSession(
            _ session: URLSession,
            dataTask: URLSessionDataTask,
            didReceive response: URLResponse,
            completionHandler: @Sendable @escaping (URLSession.ResponseDisposition) -> Void
        ) {
            // FoundationNetworking ignores the disposition, so a refusal also cancels the task.
            guard let transfer = transfer(for: dataTask), transfer.receive(response) else {
                completionHandler(.cancel)
                dataTask.cancel()
                return
            }
            completionHandler(.allow)
        }

        func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
            guard let transfer = transfer(for: dataTask), transfer.append(data) else {
                dataTask.cancel()
                return
            }
        }

        func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: Error?) {
            unregister(task)?.complete(error: error)
        }

        /// Redirects are not followed: the credentials would travel to wherever the upstream
        /// points, and no provider API is expected to redirect. The 3xx comes back as it is.
        func urlSession(
            _ session: URLSession,
            task: URLSessionTask,
            willPerformHTTPRedirection response: HTTPURLResponse,
            newRequest request: URLRequest,
            completionHandler: @Sendable @escaping (URLRequest?) -> Void
        ) {
            completionHandler(nil)
        }
    }
}
