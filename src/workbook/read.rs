//! Reading a spreadsheet file (`.xlsx` or `.ods`, told apart by content)
//! into plain grids of cells, with merged cells spread over their region.

use super::{Lang, SheetProblem};
use calamine::{Data, Reader};
use std::io::Cursor;
use std::path::Path;

/// Workbooks larger than this are refused: a programme's workbook weighs
/// kilobytes.
const MAX_BYTES: u64 = 64 * 1024 * 1024;

/// One sheet: `rows[r][c]` is the cell the spreadsheet shows at row `r + 1`
/// and column `c + 1`.
#[derive(Debug, Clone)]
pub(crate) struct RawSheet {
    pub name: String,
    pub rows: Vec<Vec<Data>>,
}

/// The sheets of a workbook, in order.
#[derive(Debug, Clone)]
pub(crate) struct Book {
    pub sheets: Vec<RawSheet>,
}

fn whole_file(message: String) -> SheetProblem {
    SheetProblem { sheet: None, row: None, column: None, message }
}

/// Reads the workbook at `path`.
pub(crate) fn read(path: &Path, lang: Lang) -> Result<Book, SheetProblem> {
    let fr = lang == Lang::Fr;
    let io = |e: std::io::Error| {
        whole_file(if fr { format!("lecture impossible : {e}") } else { format!("cannot read: {e}") })
    };
    let meta = std::fs::metadata(path).map_err(io)?;
    if meta.is_dir() {
        return Err(whole_file(
            if fr {
                "c'est un dossier : un classeur .xlsx ou .ods est attendu"
            } else {
                "this is a directory: expected an .xlsx or .ods workbook"
            }
            .to_string(),
        ));
    }
    if meta.len() > MAX_BYTES {
        return Err(whole_file(if fr {
            format!(
                "le fichier fait {} Mo, plus que les {} Mo admis (est-ce le bon fichier ?)",
                meta.len() >> 20,
                MAX_BYTES >> 20
            )
        } else {
            format!(
                "the file is {} MB, more than the {} MB allowed (is it the right file?)",
                meta.len() >> 20,
                MAX_BYTES >> 20
            )
        }));
    }
    let bytes = std::fs::read(path).map_err(io)?;
    parse(bytes, lang)
}

/// Reads workbook bytes.
pub(crate) fn parse(bytes: Vec<u8>, lang: Lang) -> Result<Book, SheetProblem> {
    let fr = lang == Lang::Fr;
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(whole_file(
            if fr {
                "le fichier est vide : un classeur .xlsx ou .ods est attendu"
            } else {
                "the file is empty: expected an .xlsx or .ods workbook"
            }
            .to_string(),
        ));
    }
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        return Err(whole_file(
            if fr {
                "c'est un classeur de l'ancien format .xls : enregistrez-le au format .xlsx ou .ods"
            } else {
                "this is a workbook in the old .xls format: save it as .xlsx or .ods"
            }
            .to_string(),
        ));
    }
    if !bytes.starts_with(b"PK") {
        let hint = match bytes.iter().find(|b| !b.is_ascii_whitespace()) {
            Some(b'{') | Some(b'[') => {
                if fr {
                    " (on dirait un fichier JSON)"
                } else {
                    " (it looks like a JSON file)"
                }
            }
            _ if std::str::from_utf8(&bytes).is_ok() => {
                if fr {
                    " (c'est un fichier texte)"
                } else {
                    " (it is a text file)"
                }
            }
            _ => "",
        };
        return Err(whole_file(if fr {
            format!("ce n'est pas un classeur .xlsx ou .ods{hint}")
        } else {
            format!("this is not an .xlsx or .ods workbook{hint}")
        }));
    }
    let xlsx_error = match calamine::Xlsx::new(Cursor::new(bytes.clone())) {
        Ok(mut book) => return read_xlsx(&mut book, lang),
        Err(e) => e.to_string(),
    };
    match calamine::Ods::new(Cursor::new(bytes)) {
        Ok(mut book) => {
            let mut sheets = Vec::new();
            for name in book.sheet_names() {
                let range = book.worksheet_range(&name).map_err(|e| sheet_error(&name, &e.to_string(), lang))?;
                sheets.push(RawSheet { name, rows: grid(&range) });
            }
            Ok(Book { sheets })
        }
        Err(_) => Err(whole_file(if fr {
            format!("ce n'est pas un classeur .xlsx ou .ods lisible ({xlsx_error})")
        } else {
            format!("this is not a readable .xlsx or .ods workbook ({xlsx_error})")
        })),
    }
}

fn sheet_error(name: &str, e: &str, lang: Lang) -> SheetProblem {
    SheetProblem {
        sheet: Some(name.to_string()),
        row: None,
        column: None,
        message: match lang {
            Lang::Fr => format!("feuille illisible : {e}"),
            Lang::En => format!("unreadable sheet: {e}"),
        },
    }
}

fn read_xlsx<RS: std::io::Read + std::io::Seek>(
    book: &mut calamine::Xlsx<RS>,
    lang: Lang,
) -> Result<Book, SheetProblem> {
    let mut sheets = Vec::new();
    for name in book.sheet_names() {
        let range = book.worksheet_range(&name).map_err(|e| sheet_error(&name, &e.to_string(), lang))?;
        let mut rows = grid(&range);
        if let Some(Ok(merges)) = book.worksheet_merge_cells(&name) {
            for m in merges {
                spread(&mut rows, m.start, m.end);
            }
        }
        sheets.push(RawSheet { name, rows });
    }
    Ok(Book { sheets })
}

/// The used range as absolute rows and columns.
fn grid(range: &calamine::Range<Data>) -> Vec<Vec<Data>> {
    let (Some((r0, c0)), Some((r1, c1))) = (range.start(), range.end()) else { return Vec::new() };
    let mut rows = vec![vec![Data::Empty; c1 as usize + 1]; r1 as usize + 1];
    for (r, c, v) in range.used_cells() {
        rows[r0 as usize + r][c0 as usize + c] = v.clone();
    }
    rows
}

/// Gives every empty cell of a merged region the value of its top-left cell.
fn spread(rows: &mut [Vec<Data>], start: (u32, u32), end: (u32, u32)) {
    let (r0, c0) = (start.0 as usize, start.1 as usize);
    let Some(value) = rows.get(r0).and_then(|r| r.get(c0)).cloned() else { return };
    for r in r0..=(end.0 as usize) {
        let Some(row) = rows.get_mut(r) else { break };
        for c in c0..=(end.1 as usize) {
            if let Some(cell) = row.get_mut(c) {
                if *cell == Data::Empty {
                    *cell = value.clone();
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_that_are_no_workbook_are_told_apart() {
        let msg = |b: &[u8]| parse(b.to_vec(), Lang::Fr).err().map(|p| p.message).unwrap_or_default();
        assert_eq!(msg(b""), "le fichier est vide : un classeur .xlsx ou .ods est attendu");
        assert_eq!(
            msg(b"{\"format\": \"horaire/1\"}"),
            "ce n'est pas un classeur .xlsx ou .ods (on dirait un fichier JSON)"
        );
        assert_eq!(msg(b"a,b\n1,2\n"), "ce n'est pas un classeur .xlsx ou .ods (c'est un fichier texte)");
        assert!(msg(b"PK\x03\x04garbage").starts_with("ce n'est pas un classeur .xlsx ou .ods lisible ("));
    }

    #[test]
    fn a_merged_region_takes_its_first_value() {
        let mut rows = vec![vec![Data::String("a".into()), Data::Empty], vec![Data::Empty, Data::Int(2)]];
        spread(&mut rows, (0, 0), (1, 1));
        assert_eq!(rows[1][0], Data::String("a".into()));
        assert_eq!(rows[0][1], Data::String("a".into()));
        assert_eq!(rows[1][1], Data::Int(2), "a cell that holds a value keeps it");
    }
}
