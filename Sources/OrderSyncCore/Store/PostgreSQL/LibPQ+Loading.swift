import Glibc

extension LibPQ {
    /// The soname of libpq on Debian (package `libpq5`) and every other Linux distribution.
    public static let libraryName = "libpq.so.5"

    /// libpq, loaded on first use and kept for the life of the process; a configuration error
    /// (exit 78) naming the package when it is not installed. Only a PostgreSQL `database` asks.
    public static func shared() throws(ConfigError) -> LibPQ {
        try loadedOnce.get()
    }

    private static let loadedOnce: Result<LibPQ, ConfigError> = Result { () throws(ConfigError) -> LibPQ in
        try load(library: libraryName)
    }

    /// Loads `library` (a soname or a path) and resolves every declared function. Public for the
    /// tests, which load a library that does not exist to see the error an operator would.
    public static func load(library: String) throws(ConfigError) -> LibPQ {
        // RTLD_LOCAL: libpq's symbols serve this table only. Never closed: the table lives as
        // long as the process, and unloading a library that started threads (OpenSSL) is unsafe.
        guard let handle = dlopen(library, RTLD_NOW | RTLD_LOCAL) else {
            let reason = dlerror().map { String(cString: $0) } ?? "unknown reason"
            throw ConfigError(
                path: "database",
                message: "a PostgreSQL database needs libpq (\(library)), which could not be loaded (\(reason)); "
                    + "install the Debian package libpq5 (apt-get install libpq5), or use a SQLite file path")
        }
        return try LibPQ(resolvingIn: handle, library: library)
    }

    private init(resolvingIn handle: UnsafeMutableRawPointer, library: String) throws(ConfigError) {
        let symbols = SymbolTable(handle: handle, library: library)
        connectdbParams = try symbols.function("PQconnectdbParams")
        finish = try symbols.function("PQfinish")
        reset = try symbols.function("PQreset")
        status = try symbols.function("PQstatus")
        transactionStatus = try symbols.function("PQtransactionStatus")
        errorMessage = try symbols.function("PQerrorMessage")
        parameterStatus = try symbols.function("PQparameterStatus")
        serverVersion = try symbols.function("PQserverVersion")
        socket = try symbols.function("PQsocket")
        backendPID = try symbols.function("PQbackendPID")
        libVersion = try symbols.function("PQlibVersion")
        setNoticeProcessor = try symbols.function("PQsetNoticeProcessor")
        exec = try symbols.function("PQexec")
        execParams = try symbols.function("PQexecParams")
        sendQueryParams = try symbols.function("PQsendQueryParams")
        getResult = try symbols.function("PQgetResult")
        enterPipelineMode = try symbols.function("PQenterPipelineMode")
        exitPipelineMode = try symbols.function("PQexitPipelineMode")
        pipelineSync = try symbols.function("PQpipelineSync")
        resultStatus = try symbols.function("PQresultStatus")
        resultErrorMessage = try symbols.function("PQresultErrorMessage")
        resultErrorField = try symbols.function("PQresultErrorField")
        ntuples = try symbols.function("PQntuples")
        nfields = try symbols.function("PQnfields")
        fname = try symbols.function("PQfname")
        getvalue = try symbols.function("PQgetvalue")
        getlength = try symbols.function("PQgetlength")
        getisnull = try symbols.function("PQgetisnull")
        cmdTuples = try symbols.function("PQcmdTuples")
        clear = try symbols.function("PQclear")
    }

    /// `dlsym` with an error that says which function and why it matters.
    private struct SymbolTable {
        let handle: UnsafeMutableRawPointer
        let library: String

        func function<F>(_ name: String) throws(ConfigError) -> F {
            guard let address = dlsym(handle, name) else {
                // The pipeline functions arrived in libpq 14: an older libpq5 is the likely cause.
                throw ConfigError(
                    path: "database",
                    message: "\(library) has no function \(name): ordersync needs libpq 14 or later; "
                        + "upgrade the Debian package libpq5")
            }
            return unsafeBitCast(address, to: F.self)
        }
    }

    /// The version of the loaded libpq, e.g. 150004 for 15.4.
    public var version: Int { Int(libVersion()) }
}
