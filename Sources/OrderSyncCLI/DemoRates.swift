import FoundationEssentials
import OrderSyncCore
import PlatformSupport

/// The illustrative exchange rates `demo` loads so that `orders_converted` has something to
/// convert with: fixed round figures on the first of every month, NOT market data. USD and GBP
/// are quoted into EUR (direct), JPY the way the ECB quotes it, EUR into JPY (read inversely);
/// KWD has none on purpose, so the demo also shows what a missing rate looks like.
enum DemoRates {
    static let reportingCurrency = "EUR"

    /// CSV text (the `rates import` format) with a row per pair on the first of each month from
    /// the month of `from` to the month of `to`.
    static func csv(from: Instant, to: Instant) -> String {
        let utc = ZoneRules.utc
        var civil = from.civilTime(in: utc)
        let last = to.civilTime(in: utc)
        var text = "day,base,quote,rate\n"
        while (civil.year, civil.month) <= (last.year, last.month) {
            let day = String.zeroPadded(civil.year, width: 4) + "-" + String.zeroPadded(civil.month, width: 2) + "-01"
            text += "\(day),USD,EUR,0.92\n\(day),GBP,EUR,1.17\n\(day),EUR,JPY,160\n"
            civil.month += 1
            if civil.month > 12 { civil.month = 1; civil.year += 1 }
        }
        return text
    }
}
