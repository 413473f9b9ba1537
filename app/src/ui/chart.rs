//! Bar charts as SVG, readable on a phone without hovering: an axis with
//! the dates and the scale, a dashed average line, a line of figures under
//! the chart (total, average, highest) and every value in a folded table.
//!
//! Drawn by the server for the household's pages (the SVG is part of the
//! HTML: no script and no WASM), and by the operator portal's island from
//! the same code. Written here rather than with a charting library: the
//! Rust ones lay out text with a font file they must load, and these charts
//! need only bars, three ticks and labels in the page's language.

use crate::model::dashboard::Bar;
use crate::model::{EnergyType, Register};
use crate::ui::components::MONTHS;
use crate::ui::texts::{t, tf};
use leptos::prelude::*;
use std::sync::Arc;

/// How a value (in the series' minor units) is written: "12.345 m³", "KES 50.00".
pub type Show = Arc<dyn Fn(i64) -> String + Send + Sync>;

/// A meter's use by day or month as chart bars, with how to write a value.
pub fn usage(bars: Vec<Bar<Register>>, energy: EnergyType) -> (Vec<(String, i64)>, Show) {
    let show: Show = Arc::new(move |minor| crate::ui::words::reading(Register::from_minor(minor), energy));
    (bars.into_iter().map(|b| (b.label, b.value.minor())).collect(), show)
}

const WIDTH: i64 = 360;
const HEIGHT: i64 = 170;
const LEFT: i64 = 56;
const RIGHT: i64 = 8;
const TOP: i64 = 10;
const BOTTOM: i64 = 26;

/// A bar chart of `bars` (label as the server wrote it: `MM-dd` for a day,
/// `yyyy-MM` for a month; value in minor units). Leading bars without any
/// value are left out (a meter installed last month has no year behind it).
#[component]
pub fn BarChart(
    title: String,
    /// The unit the values are in, said in the caption.
    #[prop(into)]
    unit: String,
    bars: Vec<(String, i64)>,
    /// Writes a value with its unit or currency.
    show: Show,
) -> impl IntoView {
    let first = bars.iter().position(|(_, v)| *v != 0);
    let Some(first) = first else {
        return view! {
            <figure class="rounded bg-white p-4 shadow">
                <figcaption class="mb-2 text-sm font-medium">{title}</figcaption>
                <p class="text-sm text-slate-500">{t("chart-empty")}</p>
            </figure>
        }
        .into_any();
    };
    let bars: Vec<(String, i64)> = bars.into_iter().skip(first).map(|(label, v)| (readable_label(&label), v)).collect();
    let n = bars.len() as i64;
    let total: i64 = bars.iter().map(|(_, v)| *v).sum();
    let average = total / n;
    let (top_label, top_value) = bars.iter().max_by_key(|(_, v)| *v).cloned().unwrap_or_default();
    let max = top_value.max(average).max(1);
    let plot_w = WIDTH - LEFT - RIGHT;
    let plot_h = HEIGHT - TOP - BOTTOM;
    let y_of = move |v: i64| TOP + plot_h - (v.max(0) * plot_h / max);
    let band = plot_w as f64 / n as f64;
    let summary = tf(
        "chart-summary",
        &[("total", show(total)), ("average", show(average)), ("highest", show(top_value)), ("when", top_label)],
    );
    // Ticks: nought, half and the top of the scale, written as numbers (the
    // caption names the unit; "KES 12,500.00" would not fit beside the axis),
    // each once (a small scale rounds half and top alike).
    let mut ticks: Vec<(i64, String)> = Vec::new();
    for v in [0, max / 2, max] {
        let text = number_only(&show(v));
        if ticks.last().is_none_or(|(_, last)| *last != text) {
            ticks.push((y_of(v), text));
        }
    }
    // Dates under the first, the middle and the last bar.
    let mut shown_labels = vec![0, n / 2, n - 1];
    shown_labels.dedup();
    let x_labels: Vec<(f64, &'static str, String)> = shown_labels
        .into_iter()
        .map(|i| {
            let anchor = if i == 0 && n > 1 {
                "start"
            } else if i == n - 1 && n > 1 {
                "end"
            } else {
                "middle"
            };
            let x = match anchor {
                "start" => LEFT as f64,
                "end" => (WIDTH - RIGHT) as f64,
                _ => LEFT as f64 + band * (i as f64 + 0.5),
            };
            (x, anchor, bars[i as usize].0.clone())
        })
        .collect();
    let rects: Vec<_> = bars
        .iter()
        .enumerate()
        .map(|(i, (label, v))| {
            let x = LEFT as f64 + band * i as f64 + band * 0.1;
            let y = y_of(*v);
            let h = (TOP + plot_h - y).max(if *v > 0 { 1 } else { 0 });
            (format!("{x:.1}"), y, format!("{:.1}", band * 0.8), h, format!("{label}: {}", show(*v)))
        })
        .collect();
    let rows: Vec<(String, String)> = bars.iter().map(|(label, v)| (label.clone(), show(*v))).collect();
    let average_y = y_of(average);
    let caption = format!("{title} ({unit})");
    view! {
        <figure class="rounded bg-white p-4 shadow">
            <figcaption class="mb-2 text-sm font-medium">{caption.clone()}</figcaption>
            <svg viewBox=format!("0 0 {WIDTH} {HEIGHT}") class="w-full h-auto" role="img" aria-label=caption dir="ltr">
                <title>{summary.clone()}</title>
                {ticks.into_iter().map(|(y, text)| view! {
                    <line x1=LEFT x2=WIDTH - RIGHT y1=y y2=y class="stroke-slate-200" stroke-width="1" />
                    <text x=LEFT - 4 y=y + 4 text-anchor="end" class="fill-slate-600" font-size="10">{text}</text>
                }).collect_view()}
                {rects.into_iter().map(|(x, y, w, h, tip)| view! {
                    <rect x=x y=y width=w height=h class="fill-teal-600"><title>{tip}</title></rect>
                }).collect_view()}
                <line x1=LEFT x2=WIDTH - RIGHT y1=average_y y2=average_y class="stroke-amber-700" stroke-width="1.5" stroke-dasharray="4 3" />
                <text x=WIDTH - RIGHT y=average_y - 3 text-anchor="end" class="fill-amber-800" font-size="10">{t("chart-average")}</text>
                <line x1=LEFT x2=WIDTH - RIGHT y1=TOP + plot_h y2=TOP + plot_h class="stroke-slate-400" stroke-width="1" />
                {x_labels.into_iter().map(|(x, anchor, text)| view! {
                    <text x=format!("{x:.1}") y=HEIGHT - 8 text-anchor=anchor class="fill-slate-600" font-size="10">{text}</text>
                }).collect_view()}
            </svg>
            <p class="mt-2 text-sm text-slate-700" data-testid="chart-summary">{summary}</p>
            <details class="mt-1 text-sm">
                <summary class="cursor-pointer text-teal-800">{t("chart-values")}</summary>
                <table class="mt-1 w-full">
                    <tbody>
                        {rows.into_iter().map(|(label, text)| view! {
                            <tr class="border-t"><th scope="row" class="py-0.5 text-start font-normal">{label}</th><td class="py-0.5 text-end">{text}</td></tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </details>
        </figure>
    }
    .into_any()
}

/// A value's figure without its unit or currency code ("KES 1,200.00" →
/// "1,200.00", "2.5 m³" → "2.5").
fn number_only(text: &str) -> String {
    let figure = |w: &&str| w.chars().any(|c| c.is_ascii_digit());
    text.split([' ', '\u{a0}']).filter(figure).collect::<Vec<_>>().join(" ")
}

/// A bar's label in the page's language: `12-04` → "4 Dec", `2026-11` → "Nov 2026".
fn readable_label(label: &str) -> String {
    let month_name = |m: &str| m.parse::<usize>().ok().and_then(|m| MONTHS.get(m.checked_sub(1)?)).map(|k| t(k));
    match label.split_once('-') {
        Some((year, month)) if year.len() == 4 => match month_name(month) {
            Some(name) => tf("chart-month", &[("month", name), ("year", year.to_owned())]),
            None => label.to_owned(),
        },
        Some((month, day)) => match (month_name(month), day.parse::<u32>()) {
            (Some(name), Ok(day)) => tf("chart-day", &[("day", day.to_string()), ("month", name)]),
            _ => label.to_owned(),
        },
        None => label.to_owned(),
    }
}
