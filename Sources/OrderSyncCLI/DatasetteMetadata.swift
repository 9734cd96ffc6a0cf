import OrderSyncCore

/// What datasette shows beside each table, view and column (`datasette DB --metadata FILE`), for a
/// database of any file name: datasette keys metadata by the database's name, the file name
/// without its last extension, so `ordersync datasette-metadata` writes it for the name given.
/// `docs/datasette-metadata.json` is this document for the demo database (`ordersync-demo`); a
/// test holds the two equal and checks every described table and column exists.
enum DatasetteMetadata {
    /// Datasette's name for a database file: `Path(path).stem`, the last path component without
    /// its last extension (`/var/lib/ordersync/orders.db` → `orders`, `a.b.sqlite` → `a.b`).
    static func databaseName(ofFile path: String) -> String {
        let file = path.split(separator: "/", omittingEmptySubsequences: true).last.map(String.init) ?? path
        guard let dot = file.lastIndex(of: "."), dot != file.startIndex else { return file }
        return String(file[..<dot])
    }

    /// The metadata JSON with its one database entry keyed `name` (no final newline).
    static func document(databaseName name: String) -> String {
        head + JSONValue.string(name).serialized + ": " + database
    }

    /// Everything before the database's name: the title and the `databases` object's opening.
    private static let head = #"""
        {
          "title": "ordersync",
          "description": "Orders synced by ordersync: canonical tables and reporting views. See docs/reporting.md.",
          "databases": {
        """# + "\n    "

    /// The database's entry: its tables and views with their columns.
    private static let database = #"""
        {
              "tables": {
                "currencies": {
                  "description": "ISO 4217 currencies with their minor-unit exponents, written from the daemon's own table.",
                  "columns": {
                    "code": "ISO 4217 code.",
                    "exponent": "Decimals in one major unit: 2 EUR, 0 JPY, 3 KWD, 4 CLF.",
                    "name": "English name."
                  }
                },
                "deferred_records": {
                  "description": "Records whose detail failed for a passing reason, retried first by the source's next run."
                },
                "fx_rates": {
                  "description": "Exchange rates loaded by `ordersync rates import`: on day, one base is worth rate quote.",
                  "columns": {
                    "day": "YYYY-MM-DD.",
                    "base": "ISO 4217.",
                    "quote": "ISO 4217.",
                    "rate": "Exact decimal text, canonical form."
                  }
                },
                "invoices": {
                  "description": "Invoices (dialects that have them: mobility).",
                  "columns": {
                    "status": "The upstream's invoice status text.",
                    "payment_state": "status normalized by the dialect's table: paid, open, void or unknown (migration 4).",
                    "amount_minor": "Invoice amount, minor units of currency.",
                    "paid_on": "Payment date, NULL while unpaid."
                  }
                },
                "open_orders_aging": {
                  "description": "Open orders by source, currency and age bucket.",
                  "columns": {
                    "bucket": "0-7 days, 8-30 days, 31-90 days, 91-180 days, 181-365 days, over 365 days, no date.",
                    "bucket_order": "Sorts the buckets.",
                    "oldest_ordered_on": "Oldest local order date in the bucket.",
                    "exponent": "Decimals of the currency.",
                    "gross_real": "Sum of gross as REAL (a double), for sorting and charting only; exactness is in the text and the *_minor integers."
                  }
                },
                "order_invoice_totals": {
                  "description": "Per order with invoices: count, invoiced (not void) and paid amounts in the order's currency.",
                  "columns": {
                    "invoices_other_currency": "Invoices in another currency, counted apart and never added.",
                    "invoiced_minor": "Invoices not void, order currency.",
                    "paid_minor": "Paid invoices, order currency.",
                    "open_invoices": "Invoices with payment_state open."
                  }
                },
                "order_lines": {
                  "description": "Order lines, line_no 1-based in upstream order; replaced as a whole when the order is re-read.",
                  "columns": {
                    "quantity": "REAL quantity.",
                    "unit_price_minor": "Unit price, minor units.",
                    "gross_minor": "Line total including tax.",
                    "net_minor": "Line total excluding tax."
                  }
                },
                "order_reconciliation": {
                  "description": "Per order: its total against the sum of its lines and against its invoices, with the differences and the reason.",
                  "columns": {
                    "lines_basis": "gross or net: the figure both the order and all its lines have.",
                    "lines_difference_minor": "lines_minor minus the order's figure.",
                    "invoices_difference_minor": "invoiced_minor minus the order's gross.",
                    "reconciles": "0 when a check fails, 1 when one passes and none fails, NULL when nothing could be compared.",
                    "reason": "What differs, or which check could not be made and why."
                  }
                },
                "order_status_history": {
                  "description": "One row when an order is first seen and one each time its status changes."
                },
                "orders": {
                  "description": "One row per order (key: source, order_id). Money in integer minor units of currency.",
                  "columns": {
                    "status": "Canonical status: draft, pending, confirmed, in_progress, shipped, completed, cancelled, refunded, on_hold, unknown.",
                    "status_raw": "The upstream's own status value.",
                    "currency": "ISO 4217 code.",
                    "gross_minor": "Total including tax, minor units; NULL where the dialect has none.",
                    "net_minor": "Total excluding tax, minor units; NULL where the dialect has none.",
                    "tax_minor": "Tax, minor units; NULL where the dialect has none.",
                    "is_paid": "0/1 where the dialect says so on the order (reseller); see orders_enriched.is_paid.",
                    "ordered_at": "When the order was placed, UTC.",
                    "deleted_upstream_at": "When the upstream was found no longer to have the order; NULL while it does.",
                    "raw": "The upstream JSON as received."
                  }
                },
                "orders_converted": {
                  "description": "Per order: amounts converted to reporting.currency with the day's or nearest earlier rate, exactly; NULL with conversion_note where that is impossible.",
                  "columns": {
                    "reporting_currency": "reporting.currency.",
                    "rate_kind": "same, direct or inverse.",
                    "rate_day": "Day of the rate used.",
                    "rate": "The rate used, as stored.",
                    "converted_gross_minor": "Gross in minor units of the reporting currency, rounded half away from zero.",
                    "converted_gross": "The same as exact decimal text.",
                    "conversion_note": "Why the amounts are NULL: no rate, no currency, no date, no reporting currency, too large.",
                    "counts_as_revenue": "1 when the status counts as revenue (confirmed, in_progress, shipped, completed, on_hold), 0 for draft, pending, cancelled, refunded, unknown; see docs/reporting.md.",
                    "reporting_exponent": "Decimals of the reporting currency: converted_gross = converted_gross_minor / 10^reporting_exponent.",
                    "converted_gross_real": "converted_gross as REAL (a double), for sorting and charting only; exactness is in the text and the *_minor integers.",
                    "converted_net_real": "converted_net as REAL (a double), for sorting and charting only; exactness is in the text and the *_minor integers.",
                    "converted_tax_real": "converted_tax as REAL (a double), for sorting and charting only; exactness is in the text and the *_minor integers.",
                    "rate_real": "The rate as REAL (a double), for sorting and charting only; exactness is in the text and the *_minor integers."
                  }
                },
                "orders_enriched": {
                  "description": "One row per order the upstream still has: dialect, amounts in major units, local order date, open and paid flags, age.",
                  "columns": {
                    "exponent": "Decimals of the currency (2 for a code not in currencies).",
                    "minor_per_major": "10^exponent.",
                    "gross": "Gross in major units, exact decimal text.",
                    "net": "Net in major units, exact decimal text.",
                    "tax": "Tax in major units, exact decimal text.",
                    "gross_real": "Gross as REAL (a double), for sorting and charting only; exactness is in the text and the *_minor integers.",
                    "ordered_on": "Local date of ordered_at in the source's time zone.",
                    "ordered_month": "YYYY-MM of ordered_on.",
                    "ordered_at_local": "Local time of ordered_at.",
                    "utc_offset_seconds": "Offset applied to ordered_at.",
                    "is_open": "1 unless the status is completed, cancelled or refunded.",
                    "age_days": "Whole days since ordered_at (changes with the clock).",
                    "is_paid": "1/0: from the order (reseller) or from its invoices (mobility); NULL where the dialect has neither.",
                    "is_paid_from": "'order', 'invoices' or NULL.",
                    "invoice_count": "Invoices of the order.",
                    "paid_minor": "Paid invoices in the order's currency.",
                    "net_real": "Net as REAL (a double), for sorting and charting only; exactness is in the text and the *_minor integers.",
                    "tax_real": "Tax as REAL (a double), for sorting and charting only; exactness is in the text and the *_minor integers.",
                    "counts_as_revenue": "1 when the status counts as revenue (confirmed, in_progress, shipped, completed, on_hold), 0 for draft, pending, cancelled, refunded, unknown; see docs/reporting.md."
                  }
                },
                "rejected_records": {
                  "description": "Records that could not be normalized, kept with the reason."
                },
                "reporting_settings": {
                  "description": "Reporting settings from the configuration; key 'currency' is reporting.currency."
                },
                "revenue_daily": {
                  "description": "Per source, currency, local day and canonical status: order count and totals; sums to the base table exactly; counts_as_revenue says whether the row's status is revenue.",
                  "columns": {
                    "orders": "Number of orders.",
                    "gross_minor": "Sum of gross_minor.",
                    "net_minor": "Sum of net_minor.",
                    "tax_minor": "Sum of tax_minor.",
                    "gross": "Sum of gross, exact decimal text.",
                    "net": "Sum of net, exact text.",
                    "tax": "Sum of tax, exact text.",
                    "status": "Canonical status.",
                    "day": "Local order date (NULL for orders without one).",
                    "counts_as_revenue": "Whether this row's status counts as revenue: 1 when the status counts as revenue (confirmed, in_progress, shipped, completed, on_hold), 0 for draft, pending, cancelled, refunded, unknown; see docs/reporting.md.",
                    "exponent": "Decimals of the currency: gross = gross_minor / 10^exponent.",
                    "gross_real": "Sum of gross as REAL (a double), for sorting and charting only; exactness is in the text and the *_minor integers.",
                    "net_real": "Sum of net as REAL (a double), for sorting and charting only; exactness is in the text and the *_minor integers.",
                    "tax_real": "Sum of tax as REAL (a double), for sorting and charting only; exactness is in the text and the *_minor integers."
                  }
                },
                "revenue_monthly": {
                  "description": "Per source, currency, local month (YYYY-MM) and canonical status: order count and totals; sums to the base table exactly; counts_as_revenue says whether the row's status is revenue.",
                  "columns": {
                    "orders": "Number of orders.",
                    "gross_minor": "Sum of gross_minor.",
                    "net_minor": "Sum of net_minor.",
                    "tax_minor": "Sum of tax_minor.",
                    "gross": "Sum of gross, exact decimal text.",
                    "net": "Sum of net, exact text.",
                    "tax": "Sum of tax, exact text.",
                    "status": "Canonical status.",
                    "month": "Local order month YYYY-MM.",
                    "counts_as_revenue": "Whether this row's status counts as revenue: 1 when the status counts as revenue (confirmed, in_progress, shipped, completed, on_hold), 0 for draft, pending, cancelled, refunded, unknown; see docs/reporting.md.",
                    "exponent": "Decimals of the currency: gross = gross_minor / 10^exponent.",
                    "gross_real": "Sum of gross as REAL (a double), for sorting and charting only; exactness is in the text and the *_minor integers.",
                    "net_real": "Sum of net as REAL (a double), for sorting and charting only; exactness is in the text and the *_minor integers.",
                    "tax_real": "Sum of tax as REAL (a double), for sorting and charting only; exactness is in the text and the *_minor integers."
                  }
                },
                "source_freshness": {
                  "description": "Per source: last successful run, lag, last error, failures since, counts, and whether it is stale.",
                  "columns": {
                    "last_success_at": "Finish of the last successful run, UTC.",
                    "lag_seconds": "Seconds since last_success_at (changes with the clock).",
                    "consecutive_failures": "Failed runs since the last successful one.",
                    "last_error": "Error of the last failed run.",
                    "is_stale": "1 when no success within three poll intervals, or never.",
                    "deleted_upstream": "Orders the upstream no longer has."
                  }
                },
                "sources": {
                  "description": "One row per configured source ever synced.",
                  "columns": {
                    "source": "The source's configured name.",
                    "dialect": "erp, lifecycle, mobility, reseller or formations.",
                    "base_url": "The upstream's base URL.",
                    "first_synced_at": "When its first orders were written (UTC).",
                    "timezone": "IANA time zone the reporting views take local dates in (migration 4).",
                    "poll_interval_seconds": "The configured poll interval; source_freshness calls a source stale after three (migration 4)."
                  }
                },
                "sync_runs": {
                  "description": "One row per poll, backfill or verify run of a source, with its outcome and error."
                },
                "sync_state": {
                  "description": "Stream checkpoints: cursor is a small JSON object."
                },
                "timezone_offsets": {
                  "description": "UTC offsets of each source time zone as half-open UTC periods, for exact local dates across DST.",
                  "columns": {
                    "valid_from": "Period start, UTC, inclusive.",
                    "valid_until": "Period end, UTC, exclusive.",
                    "offset_seconds": "Local time minus UTC."
                  }
                }
              }
            }
          }
        }
        """#
}
