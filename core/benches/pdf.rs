//! How fast Appraise prints appraisal records, next to the same content
//! printed by headless Chromium (HTML, `--print-to-pdf`) and LibreOffice
//! (flat ODT, `soffice --convert-to pdf`).
//!
//! `cargo bench -p appraise-core --bench pdf -- [--records N] [--compare K]
//! [--out DIR] [--report FILE]`. `bench/run.sh` installs Chromium and
//! LibreOffice if missing, runs this and writes bench/REPORT.md.
//!
//! Targets (issue 7): per record at most 1/50 of Chromium's time and 1/200
//! of LibreOffice's; 1,000 records in under 5 s using both cores.
//!
//! The records are the demonstration department's (`appraise_core::demo`,
//! seed 7, in an in-memory store): every appraisal it makes, signed and in
//! progress, mapped by `appraise_core::print` exactly as the app prints
//! them, and repeated in turn to make up the batch.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use appraise_core::accounts::Actor;
use appraise_core::pdf::{render, Block, Document};
use appraise_core::{appraisal, demo, print, Store};
use chrono::NaiveDate;

struct Args {
    records: usize,
    compare: usize,
    out: PathBuf,
    report: Option<PathBuf>,
}

fn args() -> Args {
    let mut a = Args {
        records: 1000,
        compare: 5,
        out: std::env::temp_dir().join("appraise-pdf-bench"),
        report: None,
    };
    let mut it = std::env::args().skip(1);
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--records" => a.records = it.next().and_then(|v| v.parse().ok()).expect("--records N"),
            "--compare" => a.compare = it.next().and_then(|v| v.parse().ok()).expect("--compare K"),
            "--out" => a.out = it.next().expect("--out DIR").into(),
            "--report" => a.report = Some(it.next().expect("--report FILE").into()),
            _ => {} // cargo passes --bench; ignore what is not ours
        }
    }
    a
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|l| l.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "unknown".into())
}

fn median(mut xs: Vec<Duration>) -> Duration {
    xs.sort();
    xs[xs.len() / 2]
}

fn percentile(mut xs: Vec<Duration>, p: f64) -> Duration {
    xs.sort();
    xs[((xs.len() - 1) as f64 * p).round() as usize]
}

fn main() {
    let args = args();
    std::fs::create_dir_all(&args.out).expect("create the output folder");
    let when = NaiveDate::from_ymd_opt(2026, 11, 21)
        .unwrap()
        .and_hms_opt(14, 5, 0)
        .unwrap();
    let (department, map_time) = demo_documents(when);
    let docs: Vec<Document> = department.iter().cycle().take(args.records).cloned().collect();
    let mut report = String::new();
    let load_before = load_average();

    // Warm up: the fonts are parsed once per process.
    let t = Instant::now();
    render(&docs[0]).expect("render");
    let cold = t.elapsed();
    for (i, doc) in docs.iter().take(args.compare.max(1)).enumerate() {
        std::fs::write(args.out.join(format!("record{i}.pdf")), render(doc).unwrap()).unwrap();
    }

    // Per record, one at a time on one thread.
    let sample_size = docs.len().min(200);
    let mut times = Vec::with_capacity(sample_size);
    let mut bytes = 0usize;
    let mut pages = 0usize;
    for doc in &docs[..sample_size] {
        let t = Instant::now();
        let pdf = render(doc).expect("render");
        times.push(t.elapsed());
        bytes += pdf.len();
        pages += appraise_core::pdf::layout(doc).len();
    }
    let per_record = median(times.clone());
    let p90 = percentile(times.clone(), 0.9);
    let max = *times.iter().max().unwrap();

    // The whole batch, one thread and then both cores. The two runs must
    // give files of the same sizes (the tests compare bytes): rendering
    // does not depend on the thread.
    let batch = |threads: usize| {
        let t = Instant::now();
        let lengths: Vec<usize> = std::thread::scope(|s| {
            let handles: Vec<_> = docs
                .chunks(docs.len().div_ceil(threads))
                .map(|chunk| {
                    s.spawn(move || {
                        chunk
                            .iter()
                            .map(|doc| render(doc).expect("render").len())
                            .collect::<Vec<_>>()
                    })
                })
                .collect();
            handles
                .into_iter()
                .flat_map(|h| h.join().expect("a render thread"))
                .collect()
        });
        (t.elapsed(), lengths)
    };
    let (batch_one, lengths_one) = batch(1);
    let threads = std::thread::available_parallelism().map_or(2, |n| n.get()).min(2);
    let (batch_all, lengths_all) = batch(threads);
    assert_eq!(lengths_one, lengths_all, "the same files whatever the thread");
    let load_after = load_average();

    writeln!(report, "### Appraise (printpdf 0.12, text_layout)\n").unwrap();
    writeln!(
        report,
        "- records: the demonstration department's {} appraisal records (seed 7), repeated to {}; \
         {:.1} pages and {:.1} KB each on average",
        department.len(),
        docs.len(),
        pages as f64 / sample_size as f64,
        bytes as f64 / sample_size as f64 / 1024.0
    )
    .unwrap();
    writeln!(
        report,
        "- reading a record from the store and mapping it to a document (not in the times below): median {:.2} ms",
        ms(map_time)
    )
    .unwrap();
    writeln!(
        report,
        "- first render in the process (parses the fonts): {:.1} ms",
        ms(cold)
    )
    .unwrap();
    writeln!(
        report,
        "- per record, one thread, {sample_size} records: median {:.2} ms, 90th percentile {:.2} ms, max {:.2} ms (wall time)",
        ms(per_record),
        ms(p90),
        ms(max)
    )
    .unwrap();
    writeln!(
        report,
        "- {} records, 1 thread: {:.2} s ({:.2} ms a record)",
        docs.len(),
        batch_one.as_secs_f64(),
        ms(batch_one) / docs.len() as f64
    )
    .unwrap();
    writeln!(
        report,
        "- {} records, {threads} threads: {:.2} s ({:.2} ms a record)",
        docs.len(),
        batch_all.as_secs_f64(),
        ms(batch_all) / docs.len() as f64
    )
    .unwrap();
    writeln!(
        report,
        "- load average (1, 5, 15 min) before: {load_before}; after the batches: {load_after}\n"
    )
    .unwrap();

    // The same content through a browser and an office suite.
    let k = args.compare.min(docs.len());
    let chromium = compare(
        "Chromium",
        &args.out,
        &docs,
        k,
        |i, dir| {
            let html = dir.join(format!("record{i}.html"));
            std::fs::write(&html, to_html(&docs[i])).unwrap();
            html
        },
        chromium_print,
    );
    let soffice = compare(
        "LibreOffice",
        &args.out,
        &docs,
        k,
        |i, dir| {
            let fodt = dir.join(format!("record{i}.fodt"));
            std::fs::write(&fodt, to_fodt(&docs[i])).unwrap();
            fodt
        },
        soffice_print,
    );

    writeln!(report, "### Side by side (median per record)\n").unwrap();
    writeln!(
        report,
        "| printer | median per record | Appraise on the same records | Appraise is faster by | target | met |"
    )
    .unwrap();
    writeln!(report, "| --- | ---: | ---: | ---: | ---: | :---: |").unwrap();
    for (name, result, target) in [
        ("Chromium (headless, --print-to-pdf)", &chromium, 50.0),
        ("LibreOffice (soffice --headless --convert-to pdf)", &soffice, 200.0),
    ] {
        match result {
            Ok(c) => writeln!(
                report,
                "| {name} | {:.0} ms | {:.2} ms | {:.0}× | {target:.0}× | {} |",
                ms(c.theirs),
                ms(c.ours),
                c.ratio,
                if c.ratio >= target { "yes" } else { "no" }
            )
            .unwrap(),
            Err(why) => writeln!(report, "| {name} | not run: {why} | | | {target:.0}× | |").unwrap(),
        }
    }
    writeln!(
        report,
        "| {} records on {threads} threads | {:.2} s | | | under 5 s | {} |",
        docs.len(),
        batch_all.as_secs_f64(),
        if batch_all.as_secs_f64() < 5.0 { "yes" } else { "no" }
    )
    .unwrap();
    writeln!(
        report,
        "\nChromium and LibreOffice each print {k} records, one process per record as a print \
         service would run them, after one warm-up run that is not counted. Straight after each, \
         Appraise renders the same record 15 times; the ratio is the median over the records of \
         their time over Appraise's median, so both are measured with the machine equally busy."
    )
    .unwrap();
    eprintln!("The HTML, flat ODT and PDFs are in {}", args.out.display());

    print!("{report}");
    if let Some(path) = &args.report {
        std::fs::write(path, &report).expect("write the report");
    }
}

/// Every appraisal of the demonstration department as the app prints it,
/// and the median time to read one from the store and map it.
fn demo_documents(when: chrono::NaiveDateTime) -> (Vec<Document>, Duration) {
    let mut store = Store::open_in_memory().expect("an in-memory store");
    let today = when.date();
    demo::generate(store.conn_mut(), &demo::DemoOptions::new(today)).expect("the demonstration department");
    let conn = store.conn();
    let actor = Actor::system();
    let settings = print::PrintSettings {
        trust: "Ysbyty Gwynedd NHS Trust".into(),
        ..print::PrintSettings::default()
    };
    let mut times = Vec::new();
    let docs = appraisal::list_as(conn, &Actor::system())
        .expect("the appraisals")
        .iter()
        .map(|a| {
            let t = Instant::now();
            let record = appraisal::get_as(conn, &actor, a.id, today)
                .expect("an appraisal")
                .record;
            let doc = print::appraisal_document(conn, &actor, &record, &settings, when).expect("a document");
            times.push(t.elapsed());
            doc
        })
        .collect();
    (docs, median(times))
}

/// What one outside printer took, next to Appraise on the same records.
struct Comparison {
    /// Median time the printer took for a record.
    theirs: Duration,
    /// Median time Appraise took for the same records, measured right after
    /// each of the printer's runs, so both saw the machine equally busy.
    ours: Duration,
    /// Median over the records of their time over ours.
    ratio: f64,
}

/// Times `print` on the first `k` records, after a warm-up run, and
/// Appraise on each record straight after (median of 15 renders).
fn compare(
    name: &str,
    out: &Path,
    docs: &[Document],
    k: usize,
    write_source: impl Fn(usize, &Path) -> PathBuf,
    print: fn(&Path, &Path) -> Result<(), String>,
) -> Result<Comparison, String> {
    if k == 0 {
        return Err("no records to compare".into());
    }
    let dir = out.join(name.to_lowercase());
    std::fs::create_dir_all(&dir).unwrap();
    let sources: Vec<PathBuf> = (0..k).map(|i| write_source(i, &dir)).collect();
    print(&sources[0], &dir)?;
    let (mut theirs, mut ours, mut ratios) = (Vec::new(), Vec::new(), Vec::new());
    for (i, source) in sources.iter().enumerate() {
        let t = Instant::now();
        print(source, &dir)?;
        let their = t.elapsed();
        let our = median(
            (0..15)
                .map(|_| {
                    let t = Instant::now();
                    std::hint::black_box(render(&docs[i]).expect("render"));
                    t.elapsed()
                })
                .collect(),
        );
        theirs.push(their);
        ours.push(our);
        ratios.push(their.as_secs_f64() / our.as_secs_f64());
    }
    eprintln!("{name}: {theirs:?}; Appraise on the same records: {ours:?}");
    ratios.sort_by(f64::total_cmp);
    Ok(Comparison {
        theirs: median(theirs),
        ours: median(ours),
        ratio: ratios[ratios.len() / 2],
    })
}

fn run(cmd: &mut Command) -> Result<(), String> {
    let out = cmd.output().map_err(|e| format!("{e}"))?;
    if out.status.success() {
        Ok(())
    } else {
        Err(format!(
            "exit {:?}: {}",
            out.status.code(),
            String::from_utf8_lossy(&out.stderr).lines().last().unwrap_or("")
        ))
    }
}

fn chromium_print(html: &Path, dir: &Path) -> Result<(), String> {
    let profile = tempfile::tempdir().map_err(|e| e.to_string())?;
    let pdf = html.with_extension("pdf");
    run(Command::new("chromium")
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-pdf-header-footer",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(html)
        .current_dir(dir))?;
    if !pdf.exists() {
        return Err("no PDF written".into());
    }
    Ok(())
}

fn soffice_print(fodt: &Path, dir: &Path) -> Result<(), String> {
    // One profile for the run, as a print service would keep: a new one each
    // time would add LibreOffice's first-start cost to every record.
    let profile = dir.join("profile");
    run(Command::new("soffice")
        .arg(format!("-env:UserInstallation=file://{}", profile.display()))
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(dir)
        .arg(fodt))?;
    if !fodt.with_extension("pdf").exists() {
        return Err("no PDF written".into());
    }
    Ok(())
}

fn esc(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn signed_line(s: &appraise_core::pdf::Signature) -> String {
    format!(
        "Electronically signed by {} ({}) on {}",
        s.name,
        s.role,
        appraise_core::pdf::display_date_time(s.at)
    )
}

fn footer(doc: &Document) -> String {
    format!(
        "Record {} version {} · Generated {} · SHA-256 {}",
        doc.meta.record_id,
        doc.meta.version,
        appraise_core::pdf::display_date_time(doc.meta.generated_at),
        doc.meta.content_sha256
    )
}

/// The record as an HTML page that prints like Appraise's PDF: A4, the same
/// font, margins, tables with repeated header rows, and the footer in CSS
/// page margin boxes.
fn to_html(doc: &Document) -> String {
    let mut h = String::new();
    write!(
        h,
        r#"<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><title>{title}</title><style>
@page {{ size: A4; margin: 13mm 18mm 20mm 18mm;
  @top-right {{ content: "{marking}"; font: bold 7.5pt "DejaVu Sans"; }}
  @bottom-left {{ content: "Page " counter(page) " of " counter(pages) " · {footer}"; font: 7pt "DejaVu Sans"; color: #4c6172; }} }}
body {{ font: 10pt/1.35 "DejaVu Sans", sans-serif; color: #212b32; margin: 0; }}
h1 {{ color: #005eb8; font-size: 20pt; margin: 6pt 0 2pt; }}
h2 {{ color: #005eb8; font-size: 13pt; margin: 12pt 0 4pt; break-after: avoid; }}
.trust {{ font-weight: bold; font-size: 11pt; }} .dept {{ color: #4c6172; }}
.sub {{ font-size: 11pt; border-bottom: 1.5pt solid #005eb8; padding-bottom: 6pt; }}
table {{ width: 100%; border-collapse: collapse; font-size: 8.5pt; line-height: 1.3; }}
th {{ background: #e8edee; text-align: left; border-bottom: 1pt solid #4c6172; }}
th, td {{ border: 0.5pt solid #aeb7bd; padding: 3.5pt 4pt; vertical-align: top; }}
thead {{ display: table-header-group; }}
dl {{ display: grid; grid-template-columns: 30% 1fr; gap: 3pt 10pt; margin: 0 0 8pt; }}
dt {{ font-weight: bold; }} dd {{ margin: 0; }}
.note {{ font-size: 8.5pt; color: #4c6172; }}
.sig {{ border: 0.5pt solid #aeb7bd; padding: 8pt; margin-bottom: 6pt; break-inside: avoid; }}
.line {{ display: inline-block; border-bottom: 0.6pt solid #212b32; height: 1em; }}
</style></head><body>
<div class="trust">{trust}</div><div class="dept">{dept}</div><h1>{title}</h1><div class="sub">{sub}</div>
"#,
        title = esc(&doc.title),
        marking = esc(&doc.marking),
        footer = esc(&footer(doc)),
        trust = esc(&doc.trust),
        dept = esc(&doc.department),
        sub = esc(&doc.subtitle),
    )
    .unwrap();
    for block in &doc.blocks {
        match block {
            Block::Heading(t) => write!(h, "<h2>{}</h2>", esc(t)).unwrap(),
            Block::Paragraph(t) => write!(h, "<p>{}</p>", esc(t).replace('\n', "<br>")).unwrap(),
            Block::Note(t) => write!(h, "<p class=note>{}</p>", esc(t)).unwrap(),
            Block::KeyValues(pairs) => {
                h.push_str("<dl>");
                for (k, v) in pairs {
                    write!(h, "<dt>{}</dt><dd>{}</dd>", esc(k), esc(v)).unwrap();
                }
                h.push_str("</dl>");
            }
            Block::Table { columns, rows } => {
                let total: f32 = columns.iter().map(|c| c.width).sum();
                h.push_str("<table><colgroup>");
                for c in columns {
                    write!(h, "<col style=\"width:{:.1}%\">", c.width / total * 100.0).unwrap();
                }
                h.push_str("</colgroup><thead><tr>");
                for c in columns {
                    write!(h, "<th>{}</th>", esc(&c.title)).unwrap();
                }
                h.push_str("</tr></thead><tbody>");
                for row in rows {
                    h.push_str("<tr>");
                    for cell in row {
                        write!(h, "<td>{}</td>", esc(cell)).unwrap();
                    }
                    h.push_str("</tr>");
                }
                h.push_str("</tbody></table>");
            }
            Block::Signatures(blocks) => {
                for b in blocks {
                    write!(h, "<div class=sig><b>{}</b><br>", esc(&b.label)).unwrap();
                    match &b.signed {
                        Some(s) => h.push_str(&esc(&signed_line(s))),
                        None => h.push_str(
                            "<br><br>Signature <span class=line style=\"width:85%\"></span><br>\
                             Name <span class=line style=\"width:50%\"></span> \
                             Date <span class=line style=\"width:25%\"></span>",
                        ),
                    }
                    h.push_str("</div>");
                }
            }
        }
    }
    h.push_str("</body></html>");
    h
}

/// The record as a flat OpenDocument text file with the same content and
/// the same page set-up: A4, DejaVu Sans, tables whose header rows repeat,
/// and a footer with page n of m and the record's details.
fn to_fodt(doc: &Document) -> String {
    let mut body = String::new();
    let p = |style: &str, text: &str| format!("<text:p text:style-name=\"{style}\">{}</text:p>", esc(text));
    body.push_str(&p("Trust", &doc.trust));
    body.push_str(&p("Dept", &doc.department));
    body.push_str(&format!(
        "<text:h text:style-name=\"Title\" text:outline-level=\"1\">{}</text:h>",
        esc(&doc.title)
    ));
    body.push_str(&p("Sub", &doc.subtitle));
    for (n, block) in doc.blocks.iter().enumerate() {
        match block {
            Block::Heading(t) => body.push_str(&format!(
                "<text:h text:style-name=\"H2\" text:outline-level=\"2\">{}</text:h>",
                esc(t)
            )),
            Block::Paragraph(t) => body.push_str(&p("Body", t)),
            Block::Note(t) => body.push_str(&p("Note", t)),
            Block::KeyValues(pairs) => {
                body.push_str(&format!(
                    "<table:table table:name=\"kv{n}\" table:style-name=\"Full\">\
                     <table:table-column table:style-name=\"KvLabel\"/><table:table-column table:style-name=\"KvValue\"/>"
                ));
                for (k, v) in pairs {
                    body.push_str(&format!(
                        "<table:table-row><table:table-cell office:value-type=\"string\">{}</table:table-cell>\
                         <table:table-cell office:value-type=\"string\">{}</table:table-cell></table:table-row>",
                        p("Label", k),
                        p("Body", v)
                    ));
                }
                body.push_str("</table:table>");
            }
            Block::Table { columns, rows } => {
                body.push_str(&format!("<table:table table:name=\"t{n}\" table:style-name=\"Full\">"));
                for i in 0..columns.len() {
                    body.push_str(&format!("<table:table-column table:style-name=\"t{n}c{i}\"/>"));
                }
                body.push_str("<table:table-header-rows><table:table-row>");
                for c in columns {
                    body.push_str(&format!(
                        "<table:table-cell table:style-name=\"Head\" office:value-type=\"string\">{}</table:table-cell>",
                        p("Th", &c.title)
                    ));
                }
                body.push_str("</table:table-row></table:table-header-rows>");
                for row in rows {
                    body.push_str("<table:table-row>");
                    for cell in row {
                        body.push_str(&format!(
                            "<table:table-cell table:style-name=\"Cell\" office:value-type=\"string\">{}</table:table-cell>",
                            p("Td", cell)
                        ));
                    }
                    body.push_str("</table:table-row>");
                }
                body.push_str("</table:table>");
            }
            Block::Signatures(blocks) => {
                for b in blocks {
                    body.push_str(&p("Label", &b.label));
                    match &b.signed {
                        Some(s) => body.push_str(&p("Body", &signed_line(s))),
                        None => {
                            body.push_str(&p("Body", ""));
                            body.push_str(&p("Body", "Signature ________________________________________________"));
                            body.push_str(&p("Body", "Name ______________________________   Date ______________"));
                        }
                    }
                }
            }
        }
    }
    // Column widths as automatic styles, one per table column.
    let mut column_styles = String::new();
    for (n, block) in doc.blocks.iter().enumerate() {
        if let Block::Table { columns, .. } = block {
            let total: f32 = columns.iter().map(|c| c.width).sum();
            for (i, c) in columns.iter().enumerate() {
                column_styles.push_str(&format!(
                    "<style:style style:name=\"t{n}c{i}\" style:family=\"table-column\">\
                     <style:table-column-properties style:column-width=\"{:.2}mm\"/></style:style>",
                    c.width / total * 174.0
                ));
            }
        }
    }
    format!(
        r##"<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
 office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
<office:font-face-decls><style:font-face style:name="DejaVu Sans" svg:font-family="'DejaVu Sans'" xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"/></office:font-face-decls>
<office:styles>
<style:default-style style:family="paragraph"><style:text-properties style:font-name="DejaVu Sans" fo:font-size="10pt" fo:color="#212b32"/></style:default-style>
<style:style style:name="Body" style:family="paragraph"><style:paragraph-properties fo:margin-bottom="3pt"/></style:style>
<style:style style:name="Trust" style:family="paragraph"><style:text-properties fo:font-size="11pt" fo:font-weight="bold"/></style:style>
<style:style style:name="Dept" style:family="paragraph"><style:text-properties fo:color="#4c6172"/></style:style>
<style:style style:name="Title" style:family="paragraph"><style:paragraph-properties fo:margin-top="8pt"/><style:text-properties fo:font-size="20pt" fo:font-weight="bold" fo:color="#005eb8"/></style:style>
<style:style style:name="Sub" style:family="paragraph"><style:paragraph-properties fo:border-bottom="1.5pt solid #005eb8" fo:padding-bottom="6pt" fo:margin-bottom="10pt"/><style:text-properties fo:font-size="11pt"/></style:style>
<style:style style:name="H2" style:family="paragraph"><style:paragraph-properties fo:margin-top="8pt" fo:margin-bottom="4pt" fo:keep-with-next="always"/><style:text-properties fo:font-size="13pt" fo:font-weight="bold" fo:color="#005eb8"/></style:style>
<style:style style:name="Label" style:family="paragraph"><style:text-properties fo:font-weight="bold"/></style:style>
<style:style style:name="Note" style:family="paragraph"><style:text-properties fo:font-size="8.5pt" fo:color="#4c6172"/></style:style>
<style:style style:name="Th" style:family="paragraph"><style:text-properties fo:font-size="8.5pt" fo:font-weight="bold"/></style:style>
<style:style style:name="Td" style:family="paragraph"><style:text-properties fo:font-size="8.5pt"/></style:style>
<style:style style:name="Foot" style:family="paragraph"><style:text-properties fo:font-size="7pt" fo:color="#4c6172"/></style:style>
<style:style style:name="Mark" style:family="paragraph"><style:paragraph-properties fo:text-align="end"/><style:text-properties fo:font-size="7.5pt" fo:font-weight="bold"/></style:style>
</office:styles>
<office:automatic-styles>
<style:page-layout style:name="A4"><style:page-layout-properties fo:page-width="210mm" fo:page-height="297mm" fo:margin-top="10mm" fo:margin-bottom="10mm" fo:margin-left="18mm" fo:margin-right="18mm"/><style:header-style/><style:footer-style/></style:page-layout>
<style:style style:name="Full" style:family="table"><style:table-properties style:width="174mm" table:align="margins"/></style:style>
<style:style style:name="KvLabel" style:family="table-column"><style:table-column-properties style:column-width="52mm"/></style:style>
<style:style style:name="KvValue" style:family="table-column"><style:table-column-properties style:column-width="122mm"/></style:style>
<style:style style:name="Head" style:family="table-cell"><style:table-cell-properties fo:background-color="#e8edee" fo:border="0.5pt solid #aeb7bd" fo:padding="1.2mm"/></style:style>
<style:style style:name="Cell" style:family="table-cell"><style:table-cell-properties fo:border="0.5pt solid #aeb7bd" fo:padding="1.2mm"/></style:style>
{column_styles}
</office:automatic-styles>
<office:master-styles><style:master-page style:name="Standard" style:page-layout-name="A4">
<style:header><text:p text:style-name="Mark">{marking}</text:p></style:header>
<style:footer><text:p text:style-name="Foot">Page <text:page-number text:select-page="current"/> of <text:page-count/> · {footer}</text:p></style:footer>
</style:master-page></office:master-styles>
<office:body><office:text>{body}</office:text></office:body>
</office:document>
"##,
        marking = esc(&doc.marking),
        footer = esc(&footer(doc)),
    )
}
