/// The top-level `reporting` block.
extension ConfigReader {
    static let reportingKeys = ["currency"]

    mutating func readReporting(in root: ConfigFields) -> ReportingSettings {
        guard let value = present("reporting", in: root, required: false),
              let fields = fields(of: value, at: root.path(of: "reporting"), allowed: Self.reportingKeys)
        else { return ReportingSettings() }
        guard let code = string("currency", in: fields) else { return ReportingSettings() }
        guard Currency.isKnown(code) else {
            report(fields.path(of: "currency"),
                   "expected an ISO 4217 currency code such as \"EUR\", got \(Self.quote(code))")
            return ReportingSettings()
        }
        return ReportingSettings(currency: code)
    }
}
