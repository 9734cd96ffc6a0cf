/// libpq's C functions, declared by hand and resolved with `dlsym` when a PostgreSQL database is
/// configured: the product has no build dependency on libpq (`libpq-dev`), and a machine that only
/// uses SQLite needs no `libpq5` at all.
///
/// Each type below mirrors one declaration of `libpq-fe.h` (PostgreSQL 15): opaque `PGconn *` and
/// `PGresult *` are `OpaquePointer`, C enums are their `unsigned int` raw value (the C ABI of an
/// enum without negative members), `Oid` is `UInt32`. The test target `PostgresDriverTests`
/// compiles against the real header and assigns each real function to these types, so a wrong
/// declaration fails the tests' build instead of corrupting a customer's stack.
public struct LibPQ: @unchecked Sendable {
    // `@unchecked`: C function pointers are immutable code addresses, safe to share.

    // MARK: The declarations (one per function, named after it)

    public typealias ConnectdbParams = @convention(c) (
        UnsafePointer<UnsafePointer<CChar>?>?, UnsafePointer<UnsafePointer<CChar>?>?, Int32
    ) -> OpaquePointer?
    public typealias Finish = @convention(c) (OpaquePointer?) -> Void
    public typealias Reset = @convention(c) (OpaquePointer?) -> Void
    /// Returns `ConnStatusType`.
    public typealias Status = @convention(c) (OpaquePointer?) -> UInt32
    /// Returns `PGTransactionStatusType`.
    public typealias TransactionStatus = @convention(c) (OpaquePointer?) -> UInt32
    public typealias ErrorMessage = @convention(c) (OpaquePointer?) -> UnsafeMutablePointer<CChar>?
    public typealias ParameterStatus = @convention(c) (OpaquePointer?, UnsafePointer<CChar>?) -> UnsafePointer<CChar>?
    public typealias ServerVersion = @convention(c) (OpaquePointer?) -> Int32
    public typealias Socket = @convention(c) (OpaquePointer?) -> Int32
    public typealias BackendPID = @convention(c) (OpaquePointer?) -> Int32
    public typealias LibVersion = @convention(c) () -> Int32
    public typealias NoticeProcessor = @convention(c) (UnsafeMutableRawPointer?, UnsafePointer<CChar>?) -> Void
    public typealias SetNoticeProcessor = @convention(c) (
        OpaquePointer?, NoticeProcessor?, UnsafeMutableRawPointer?
    ) -> NoticeProcessor?
    public typealias Exec = @convention(c) (OpaquePointer?, UnsafePointer<CChar>?) -> OpaquePointer?
    /// conn, command, nParams, paramTypes (`Oid *`), paramValues, paramLengths, paramFormats, resultFormat.
    public typealias ExecParams = @convention(c) (
        OpaquePointer?, UnsafePointer<CChar>?, Int32, UnsafePointer<UInt32>?,
        UnsafePointer<UnsafePointer<CChar>?>?, UnsafePointer<Int32>?, UnsafePointer<Int32>?, Int32
    ) -> OpaquePointer?
    /// Same parameters as `ExecParams`; returns 1 when queued.
    public typealias SendQueryParams = @convention(c) (
        OpaquePointer?, UnsafePointer<CChar>?, Int32, UnsafePointer<UInt32>?,
        UnsafePointer<UnsafePointer<CChar>?>?, UnsafePointer<Int32>?, UnsafePointer<Int32>?, Int32
    ) -> Int32
    public typealias GetResult = @convention(c) (OpaquePointer?) -> OpaquePointer?
    public typealias EnterPipelineMode = @convention(c) (OpaquePointer?) -> Int32
    public typealias ExitPipelineMode = @convention(c) (OpaquePointer?) -> Int32
    public typealias PipelineSync = @convention(c) (OpaquePointer?) -> Int32
    /// Returns `ExecStatusType`.
    public typealias ResultStatus = @convention(c) (OpaquePointer?) -> UInt32
    public typealias ResultErrorMessage = @convention(c) (OpaquePointer?) -> UnsafeMutablePointer<CChar>?
    public typealias ResultErrorField = @convention(c) (OpaquePointer?, Int32) -> UnsafeMutablePointer<CChar>?
    public typealias Ntuples = @convention(c) (OpaquePointer?) -> Int32
    public typealias Nfields = @convention(c) (OpaquePointer?) -> Int32
    public typealias Fname = @convention(c) (OpaquePointer?, Int32) -> UnsafeMutablePointer<CChar>?
    public typealias Getvalue = @convention(c) (OpaquePointer?, Int32, Int32) -> UnsafeMutablePointer<CChar>?
    public typealias Getlength = @convention(c) (OpaquePointer?, Int32, Int32) -> Int32
    public typealias Getisnull = @convention(c) (OpaquePointer?, Int32, Int32) -> Int32
    public typealias CmdTuples = @convention(c) (OpaquePointer?) -> UnsafeMutablePointer<CChar>?
    public typealias Clear = @convention(c) (OpaquePointer?) -> Void

    // MARK: The resolved functions

    let connectdbParams: ConnectdbParams
    let finish: Finish
    let reset: Reset
    let status: Status
    let transactionStatus: TransactionStatus
    let errorMessage: ErrorMessage
    let parameterStatus: ParameterStatus
    let serverVersion: ServerVersion
    let socket: Socket
    let backendPID: BackendPID
    let libVersion: LibVersion
    let setNoticeProcessor: SetNoticeProcessor
    let exec: Exec
    let execParams: ExecParams
    let sendQueryParams: SendQueryParams
    let getResult: GetResult
    let enterPipelineMode: EnterPipelineMode
    let exitPipelineMode: ExitPipelineMode
    let pipelineSync: PipelineSync
    let resultStatus: ResultStatus
    let resultErrorMessage: ResultErrorMessage
    let resultErrorField: ResultErrorField
    let ntuples: Ntuples
    let nfields: Nfields
    let fname: Fname
    let getvalue: Getvalue
    let getlength: Getlength
    let getisnull: Getisnull
    let cmdTuples: CmdTuples
    let clear: Clear

    // MARK: Constants of libpq-fe.h and postgres_ext.h

    /// `ConnStatusType.CONNECTION_OK`, `CONNECTION_BAD`.
    static let connectionOK: UInt32 = 0
    static let connectionBad: UInt32 = 1
    /// `ExecStatusType` values.
    static let emptyQuery: UInt32 = 0
    static let commandOK: UInt32 = 1
    static let tuplesOK: UInt32 = 2
    static let fatalError: UInt32 = 7
    static let pipelineSyncResult: UInt32 = 10
    static let pipelineAborted: UInt32 = 11
    /// `PGTransactionStatusType.PQTRANS_IDLE`, `PQTRANS_INTRANS`, `PQTRANS_INERROR`.
    static let transactionIdle: UInt32 = 0
    static let transactionOpen: UInt32 = 2
    static let transactionFailed: UInt32 = 3
    /// `PG_DIAG_*` field codes of `PQresultErrorField`.
    static let diagnosticSQLState = Int32(UInt8(ascii: "C"))
    static let diagnosticPrimaryMessage = Int32(UInt8(ascii: "M"))
    static let diagnosticDetail = Int32(UInt8(ascii: "D"))
    static let diagnosticHint = Int32(UInt8(ascii: "H"))
}
