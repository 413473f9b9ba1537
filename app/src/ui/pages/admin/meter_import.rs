//! Importing meters from a CSV file: check first (every problem by line and
//! column, nothing written), then import (all rows or none). Without
//! JavaScript the same form posts the file to the import door, which answers
//! the report as a CSV file.

use crate::api::meters::ImportMeters;
use crate::model::AppError;
use crate::model::import::{HouseholdPlan, ImportReport, ImportRequest, KeysPlan};
use crate::ui::components::ErrorNote;
use crate::ui::texts::{t, tf};
use leptos::prelude::*;

/// The chosen file's text (in the browser; the server never runs this).
#[cfg(feature = "hydrate")]
async fn file_text(input: &web_sys::HtmlInputElement) -> Result<String, AppError> {
    let no_file = || AppError::invalid("file", t("admin-import-choose-file"));
    let file = input.files().and_then(|files| files.get(0)).ok_or_else(no_file)?;
    let text = wasm_bindgen_futures::JsFuture::from(file.text())
        .await
        .map_err(|_| AppError::invalid("file", t("admin-import-unreadable")))?;
    text.as_string().ok_or_else(|| AppError::invalid("file", t("admin-import-unreadable")))
}

#[component]
pub fn MeterImport() -> impl IntoView {
    let run = ServerAction::<ImportMeters>::new();
    let file = NodeRef::<leptos::html::Input>::new();
    let dry_run = RwSignal::new(true);
    let local_error = RwSignal::new(None::<AppError>);
    // The text last checked, so that "Import" sends exactly what was checked.
    let checked = RwSignal::new(None::<String>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        #[cfg(feature = "hydrate")]
        {
            let Some(input) = file.get_untracked() else { return };
            let dry = dry_run.get_untracked();
            leptos::task::spawn_local(async move {
                match file_text(&input).await {
                    Ok(csv) => {
                        local_error.set(None);
                        checked.set(Some(csv.clone()));
                        run.dispatch(ImportMeters { req: ImportRequest { csv, dry_run: dry } });
                    }
                    Err(e) => local_error.set(Some(e)),
                }
            });
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = (file, dry_run, local_error, checked);
    };
    let import_checked = move |_| {
        if let Some(csv) = checked.get_untracked() {
            run.dispatch(ImportMeters { req: ImportRequest { csv, dry_run: false } });
        }
    };
    let outcome = move || match (local_error.get(), run.value().get()) {
        (Some(e), _) | (None, Some(Err(e))) => Some(view! { <ErrorNote error=e /> }.into_any()),
        (None, Some(Ok(report))) => Some(view! { <Report report import_checked /> }.into_any()),
        (None, None) => None,
    };
    view! {
        <section class="space-y-4">
            <h1 class="text-2xl font-semibold">{t("admin-import-title")}</h1>
            <p class="max-w-3xl text-slate-700">{t("admin-import-intro")}</p>
            <p class="text-sm">
                <a href="/import/meters-template.csv" download="meters-template.csv" rel="external" class="text-teal-800 underline">{t("admin-import-template")}</a>
            </p>
            <form method="post" action="/import/meters.csv" enctype="multipart/form-data" on:submit=submit
                class="flex flex-wrap items-end gap-3 rounded bg-white p-4 shadow">
                <label class="block">
                    <span class="text-sm text-slate-700">{t("admin-import-file")}</span>
                    <input node_ref=file type="file" name="file" accept=".csv,text/csv" required=true class="mt-1 block" />
                </label>
                <button type="submit" name="mode" value="check" on:click=move |_| dry_run.set(true)
                    disabled=move || run.pending().get()
                    class="rounded bg-teal-700 px-4 py-2 text-white">{t("admin-import-check")}</button>
                <button type="submit" name="mode" value="import" on:click=move |_| dry_run.set(false)
                    disabled=move || run.pending().get()
                    class="rounded border border-teal-700 px-4 py-2 text-teal-800">{t("admin-import-import")}</button>
                <p class="w-full text-sm text-slate-600">{t("admin-import-all-or-nothing")}</p>
            </form>
            <div aria-live="polite">
                {move || run.pending().get().then(|| view! { <p class="text-slate-500" aria-busy="true">{t("admin-import-working")}</p> })}
                {outcome}
            </div>
        </section>
    }
}

#[component]
fn Report(
    report: ImportReport,
    import_checked: impl Fn(leptos::ev::MouseEvent) + Send + Sync + 'static,
) -> impl IntoView {
    let summary = tf(
        "admin-import-summary",
        &[
            ("rows", report.rows.to_string()),
            ("meters", report.meters.to_string()),
            ("households", report.new_households.to_string()),
            ("skipped", report.skipped.to_string()),
        ],
    );
    let verdict = if report.written {
        t("admin-import-written")
    } else if !report.ok() {
        tf("admin-import-problems", &[("count", report.problem_count.to_string())])
    } else {
        t("admin-import-checked-ok")
    };
    let tone = if report.ok() { "text-teal-800" } else { "text-red-800" };
    let can_import = report.dry_run && report.ok() && report.meters > 0;
    let shown_problems = report.problems.len() as u64;
    let problems = (!report.problems.is_empty()).then(|| {
        view! {
            <table class="w-full text-left text-sm">
                <caption class="text-left font-semibold">{t("admin-import-problems-heading")}</caption>
                <thead><tr>
                    <th scope="col" class="p-1">{t("admin-import-line")}</th>
                    <th scope="col" class="p-1">{t("admin-import-column")}</th>
                    <th scope="col" class="p-1">{t("admin-import-reason")}</th>
                </tr></thead>
                <tbody>
                    {report.problems.into_iter().map(|p| view! {
                        <tr class="border-t"><td class="p-1">{p.line}</td><td class="p-1 font-mono">{p.column}</td><td class="p-1">{p.reason}</td></tr>
                    }).collect_view()}
                </tbody>
            </table>
            {(report.problem_count > shown_problems).then(|| view! {
                <p class="text-sm text-slate-600">{tf("admin-import-more", &[("count", (report.problem_count - shown_problems).to_string())])}</p>
            })}
        }
    });
    let lines = (!report.lines.is_empty()).then(|| {
        let shown = report.lines.len() as u64;
        view! {
            <table class="w-full text-left text-sm">
                <caption class="text-left font-semibold">{t("admin-import-lines-heading")}</caption>
                <thead><tr>
                    <th scope="col" class="p-1">{t("admin-import-line")}</th>
                    <th scope="col" class="p-1">{t("admin-import-meter")}</th>
                    <th scope="col" class="p-1">{t("admin-import-area")}</th>
                    <th scope="col" class="p-1">{t("admin-import-household")}</th>
                    <th scope="col" class="p-1">{t("admin-import-keys")}</th>
                </tr></thead>
                <tbody>
                    {report.lines.into_iter().map(|l| view! {
                        <tr class="border-t">
                            <td class="p-1">{l.line}</td>
                            <td class="p-1 font-mono">{match l.meter_id {
                                Some(id) => view! { <a class="text-teal-800 underline" href=format!("/admin/meters/{}", id.0)>{l.meter}</a> }.into_any(),
                                None => l.meter.into_any(),
                            }}</td>
                            <td class="p-1">{l.area}</td>
                            <td class="p-1">{match l.household {
                                HouseholdPlan::Existing(number) => number,
                                HouseholdPlan::New { first_line } => tf("admin-import-new-household", &[("line", first_line.to_string())]),
                            }}</td>
                            <td class="p-1">{match l.keys {
                                KeysPlan::None => String::new(),
                                KeysPlan::Otaa => "OTAA".to_owned(),
                                KeysPlan::Abp => "ABP".to_owned(),
                            }}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
            {(report.meters > shown).then(|| view! {
                <p class="text-sm text-slate-600">{tf("admin-import-more-lines", &[("count", (report.meters - shown).to_string())])}</p>
            })}
        }
    });
    view! {
        <div class="space-y-3 rounded bg-white p-4 shadow">
            <p>{summary}</p>
            <p role="status" class=format!("font-semibold {tone}")>{verdict}</p>
            {report.written.then(|| view! { <p class="text-sm text-slate-700">{t("admin-import-passwords")}</p> })}
            {can_import.then(|| view! {
                <button type="button" on:click=import_checked class="rounded bg-teal-700 px-4 py-2 text-white">{t("admin-import-import-checked")}</button>
            })}
            {problems}
            {lines}
        </div>
    }
}
