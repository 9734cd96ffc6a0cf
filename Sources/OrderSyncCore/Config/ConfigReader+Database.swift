extension ConfigReader {
    /// libpq's key=value keywords that most often start a connection string pasted from
    /// elsewhere: such a string would otherwise become a SQLite file of that name.
    static let connectionKeywords = ["host=", "hostaddr=", "dbname=", "user=", "port=", "service=", "password="]

    /// `database`: a SQLite file path, or a PostgreSQL URI that holds no secret. Nothing here
    /// prints the value: a refused URI may contain a password.
    mutating func readDatabase(in fields: ConfigFields) -> String? {
        guard let database = string("database", in: fields, required: true, sensitive: true) else { return nil }
        if PostgresURI.isURI(database) {
            do throws(PostgresURIError) {
                _ = try PostgresURI(validating: database)
            } catch {
                report(fields.path(of: "database"), error.message)
                return nil
            }
        } else if Self.connectionKeywords.contains(where: { database.lowercased().hasPrefix($0) }) {
            report(
                fields.path(of: "database"),
                "looks like a libpq key=value connection string; write a PostgreSQL database as a URI "
                    + "(postgresql://user@host:5432/dbname?sslmode=verify-full), or give a SQLite file path")
            return nil
        }
        return database
    }
}
