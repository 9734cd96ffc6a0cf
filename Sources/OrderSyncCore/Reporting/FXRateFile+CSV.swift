import PlatformSupport

/// One CSV line split into fields the way RFC 4180 and spreadsheets write them: a field may be
/// quoted (`"1,234.5"`), a quote inside a quoted field is doubled (`"say ""hi"""`), spaces around
/// a field are not part of it (the ECB writes `Date, USD, JPY`). A field does not span lines:
/// no rate file needs a line break inside a value, and a missing closing quote is then reported
/// on its own line instead of swallowing the rest of the file.
extension FXRateFile {
    /// A field's text and the 1-based character column where it starts.
    struct Field: Equatable {
        var text: String
        var column: Int
    }

    /// A line that cannot be split, and the column to look at.
    struct SplitProblem: Error, Equatable {
        var message: String
        var column: Int
    }

    static func split(_ line: Substring) -> Result<[Field], SplitProblem> {
        let characters = Array(line)
        var fields: [Field] = []
        var index = 0
        while true {
            while index < characters.count, characters[index] == " " || characters[index] == "\t" { index += 1 }
            let start = index + 1
            var text = ""
            if index < characters.count, characters[index] == "\"" {
                index += 1
                var closed = false
                while index < characters.count {
                    if characters[index] == "\"" {
                        if index + 1 < characters.count, characters[index + 1] == "\"" {
                            text.append("\"")
                            index += 2
                            continue
                        }
                        closed = true
                        index += 1
                        break
                    }
                    text.append(characters[index])
                    index += 1
                }
                guard closed else {
                    return .failure(SplitProblem(
                        message: "the quoted field starting here has no closing quote (a quote inside a quoted field is written twice: \"\")",
                        column: start))
                }
                while index < characters.count, characters[index] == " " || characters[index] == "\t" { index += 1 }
                guard index == characters.count || characters[index] == "," else {
                    return .failure(SplitProblem(message: "unexpected text after the closing quote of a field; quote the whole field",
                                                 column: index + 1))
                }
            } else {
                while index < characters.count, characters[index] != "," {
                    if characters[index] == "\"" {
                        return .failure(SplitProblem(
                            message: "a quote inside an unquoted field; quote the whole field and double the quote (\"a \"\"b\"\"\")",
                            column: index + 1))
                    }
                    text.append(characters[index])
                    index += 1
                }
                text = text.trimmingWhitespace()
            }
            fields.append(Field(text: text, column: start))
            guard index < characters.count else { return .success(fields) }
            index += 1  // the comma
        }
    }
}
