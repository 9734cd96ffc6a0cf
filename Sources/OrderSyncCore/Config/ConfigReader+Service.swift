/// The root keys about the process rather than the sources: `log_format` and `metrics`.
extension ConfigReader {
    static let logFormats = ["text", "json"]

    mutating func readLogFormat(in fields: ConfigFields) -> String {
        guard let format = string("log_format", in: fields) else { return "text" }
        guard Self.logFormats.contains(format) else {
            report(fields.path(of: "log_format"), "unknown log format \(Self.quote(format)); expected one of text, json")
            return "text"
        }
        return format
    }

    /// `metrics: {"listen": …}`; nil when absent (no listener).
    mutating func readMetrics(in root: ConfigFields) -> MetricsListen? {
        guard let value = present("metrics", in: root, required: false),
              let fields = fields(of: value, at: root.path(of: "metrics"), allowed: ["listen"]),
              let text = string("listen", in: fields, required: true)
        else { return nil }
        switch MetricsListen.parse(text) {
        case .success(let listen): return listen
        case .failure(let error):
            report(fields.path(of: "listen"), "\(error.reason), got \(Self.quote(text))")
            return nil
        }
    }
}
