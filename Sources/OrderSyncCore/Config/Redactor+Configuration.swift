extension Redactor {
    /// A redactor for every credential of every source in the configuration: what the log sink,
    /// the console and the store use as the last line of defence.
    public init(configuration: Configuration) {
        var secrets: [String] = []
        var pairs: [(String, String)] = []
        for source in configuration.sources {
            let auth = source.auth
            secrets += [auth.token, auth.username, auth.password].compactMap { $0?.reveal }
            if let username = auth.username?.reveal, let password = auth.password?.reveal {
                pairs.append((username, password))
            }
        }
        self.init(secrets: secrets, credentialPairs: pairs)
    }
}
