// libpq's real header, for the test that checks the product's hand declarations against it
// (Tests/PostgresDriverTests/LibPQDeclarationTests.swift). The product never includes it.
#include <libpq-fe.h>

// Character-literal macros do not reach Swift: the same values as constants.
static const int shim_PG_DIAG_SQLSTATE = PG_DIAG_SQLSTATE;
static const int shim_PG_DIAG_MESSAGE_PRIMARY = PG_DIAG_MESSAGE_PRIMARY;
static const int shim_PG_DIAG_MESSAGE_DETAIL = PG_DIAG_MESSAGE_DETAIL;
static const int shim_PG_DIAG_MESSAGE_HINT = PG_DIAG_MESSAGE_HINT;
