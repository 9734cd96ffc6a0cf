import CLibPQ
import Foundation
@testable import OrderSyncCore
import Testing

/// The product declares libpq's functions by hand (it loads libpq with dlopen and has no build
/// dependency on libpq-dev). Here each real function from `libpq-fe.h` is assigned to the
/// product's declared type: a parameter or result of the wrong type, count or order is a compile
/// error of this file, so a wrong declaration fails the tests' build, not a customer's run.
@Suite struct LibPQDeclarationTests {
    /// Compile-time: every declaration without a C enum in its signature is exactly the header's.
    @Test func declarationsMatchTheHeader() {
        let connectdbParams: LibPQ.ConnectdbParams = PQconnectdbParams
        let finish: LibPQ.Finish = PQfinish
        let reset: LibPQ.Reset = PQreset
        let errorMessage: LibPQ.ErrorMessage = PQerrorMessage
        let parameterStatus: LibPQ.ParameterStatus = PQparameterStatus
        let serverVersion: LibPQ.ServerVersion = PQserverVersion
        let socket: LibPQ.Socket = PQsocket
        let backendPID: LibPQ.BackendPID = PQbackendPID
        let libVersion: LibPQ.LibVersion = PQlibVersion
        let setNoticeProcessor: LibPQ.SetNoticeProcessor = PQsetNoticeProcessor
        let exec: LibPQ.Exec = PQexec
        let execParams: LibPQ.ExecParams = PQexecParams
        let sendQueryParams: LibPQ.SendQueryParams = PQsendQueryParams
        let getResult: LibPQ.GetResult = PQgetResult
        let enterPipelineMode: LibPQ.EnterPipelineMode = PQenterPipelineMode
        let exitPipelineMode: LibPQ.ExitPipelineMode = PQexitPipelineMode
        let pipelineSync: LibPQ.PipelineSync = PQpipelineSync
        let resultErrorMessage: LibPQ.ResultErrorMessage = PQresultErrorMessage
        let resultErrorField: LibPQ.ResultErrorField = PQresultErrorField
        let ntuples: LibPQ.Ntuples = PQntuples
        let nfields: LibPQ.Nfields = PQnfields
        let fname: LibPQ.Fname = PQfname
        let getvalue: LibPQ.Getvalue = PQgetvalue
        let getlength: LibPQ.Getlength = PQgetlength
        let getisnull: LibPQ.Getisnull = PQgetisnull
        let cmdTuples: LibPQ.CmdTuples = PQcmdTuples
        let clear: LibPQ.Clear = PQclear
        _ = (connectdbParams, finish, reset, errorMessage, parameterStatus, serverVersion, socket, backendPID)
        _ = (libVersion, setNoticeProcessor, exec, execParams, sendQueryParams, getResult, enterPipelineMode)
        _ = (exitPipelineMode, pipelineSync, resultErrorMessage, resultErrorField, ntuples, nfields, fname)
        _ = (getvalue, getlength, getisnull, cmdTuples, clear)
        sameType(LibPQ.NoticeProcessor.self, PQnoticeProcessor.self)
    }

    /// C enums are imported as Swift structs, so a function returning one cannot be assigned to a
    /// type returning `UInt32`. Checked instead: the same parameters at compile time (the header's
    /// function assigned to a type with the declaration's parameters and the enum result), that
    /// the enum's raw type is the declared `UInt32` (compile time), and that both types print the
    /// same once the enum's name is replaced by its raw type (run time).
    @Test func enumResultsAreTheirRawType() {
        let status: @convention(c) (OpaquePointer?) -> ConnStatusType = PQstatus
        let transactionStatus: @convention(c) (OpaquePointer?) -> PGTransactionStatusType = PQtransactionStatus
        let resultStatus: @convention(c) (OpaquePointer?) -> ExecStatusType = PQresultStatus
        _ = (status, transactionStatus, resultStatus)
        sameType(ConnStatusType.RawValue.self, UInt32.self)
        sameType(PGTransactionStatusType.RawValue.self, UInt32.self)
        sameType(ExecStatusType.RawValue.self, UInt32.self)
        #expect(MemoryLayout<ConnStatusType>.size == MemoryLayout<UInt32>.size)
        #expect(described(type(of: status), replacing: "ConnStatusType") == "\(LibPQ.Status.self)")
        #expect(described(type(of: transactionStatus), replacing: "PGTransactionStatusType") == "\(LibPQ.TransactionStatus.self)")
        #expect(described(type(of: resultStatus), replacing: "ExecStatusType") == "\(LibPQ.ResultStatus.self)")
    }

    /// The numeric constants the product hard-codes, against the header's enums and macros.
    @Test func constantsMatchTheHeader() {
        #expect(LibPQ.connectionOK == CONNECTION_OK.rawValue && LibPQ.connectionBad == CONNECTION_BAD.rawValue)
        #expect(LibPQ.emptyQuery == PGRES_EMPTY_QUERY.rawValue && LibPQ.commandOK == PGRES_COMMAND_OK.rawValue)
        #expect(LibPQ.tuplesOK == PGRES_TUPLES_OK.rawValue && LibPQ.fatalError == PGRES_FATAL_ERROR.rawValue)
        #expect(LibPQ.pipelineSyncResult == PGRES_PIPELINE_SYNC.rawValue && LibPQ.pipelineAborted == PGRES_PIPELINE_ABORTED.rawValue)
        #expect(LibPQ.transactionIdle == PQTRANS_IDLE.rawValue && LibPQ.transactionOpen == PQTRANS_INTRANS.rawValue)
        #expect(LibPQ.transactionFailed == PQTRANS_INERROR.rawValue)
        #expect(LibPQ.diagnosticSQLState == shim_PG_DIAG_SQLSTATE && LibPQ.diagnosticPrimaryMessage == shim_PG_DIAG_MESSAGE_PRIMARY)
        #expect(LibPQ.diagnosticDetail == shim_PG_DIAG_MESSAGE_DETAIL && LibPQ.diagnosticHint == shim_PG_DIAG_MESSAGE_HINT)
    }

    /// The table the product resolves with dlsym works on the installed libpq.
    @Test func theLibraryLoadsAndAnswers() throws {
        let lib = try LibPQ.shared()
        #expect(lib.version >= 140000, "pipelining needs libpq 14 or later")
        #expect(lib.version == Int(PQlibVersion()))
    }

    /// A machine without libpq5 gets a configuration error that names the package to install.
    @Test func aMissingLibraryNamesThePackage() {
        #expect {
            _ = try LibPQ.load(library: "libpq-that-is-not-installed.so.5")
        } throws: { error in
            guard let error = error as? ConfigError else { return false }
            return error.path == "database" && error.message.contains("libpq5")
                && error.message.contains("libpq-that-is-not-installed.so.5")
        }
    }

    private func sameType<T>(_: T.Type, _: T.Type) {}

    private func described(_ type: Any.Type, replacing enumName: String) -> String {
        "\(type)".replacingOccurrences(of: enumName, with: "UInt32")
    }
}
