//! Payments through providers, for operators of a top-level area: money that
//! matched no household (assign it or mark it for refund) and the
//! reconciliation of each provider's days.

use crate::api::unmatched::{AssignUnmatched, RefundUnmatched, list_unmatched, reconcile};
use crate::model::payment::{ReconciledDay, Unmatched, UnmatchedState};
use crate::ui::components::{ConfirmButton, ErrorNote, Loading, ZoneNote, local_time, money, provide_clock};
use crate::ui::texts::{t, tf};
use leptos::prelude::*;

#[component]
pub fn Payments() -> impl IntoView {
    provide_clock();
    let assign = ServerAction::<AssignUnmatched>::new();
    let refund = ServerAction::<RefundUnmatched>::new();
    let kept = Resource::new(move || (assign.version().get(), refund.version().get()), |_| list_unmatched());
    let start = RwSignal::new(String::new());
    let end = RwSignal::new(String::new());
    let days = Resource::new(
        move || (start.get(), end.get(), assign.version().get()),
        |(start, end, _)| reconcile(start, end),
    );
    let outcome = move || {
        let failed = assign.value().get().and_then(Result::err).or_else(|| refund.value().get().and_then(Result::err));
        failed.map(|e| view! { <p role="alert" class="text-sm text-red-700">{crate::ui::words::error(&e)}</p> })
    };
    view! {
        <section class="space-y-4">
            <h1 class="text-2xl font-semibold">{t("admin-payments-title")}</h1>
            <ZoneNote />
            <div class="rounded bg-white p-4 shadow">
                <h2 class="mb-2 text-lg font-semibold">{t("admin-payments-unmatched-heading")}</h2>
                {outcome}
                <Suspense fallback=Loading>
                    {move || kept.get().map(|r| match r {
                        Err(e) => view! { <ErrorNote error=e /> }.into_any(),
                        Ok(list) if list.is_empty() => view! { <p class="text-sm text-slate-600">{t("admin-payments-unmatched-none")}</p> }.into_any(),
                        Ok(list) => view! {
                            <ul class="text-sm" data-testid="unmatched">
                                {list.into_iter().map(|u| view! { <KeptPayment u assign refund /> }).collect_view()}
                            </ul>
                        }.into_any(),
                    })}
                </Suspense>
            </div>
            <div class="rounded bg-white p-4 shadow">
                <h2 class="mb-2 text-lg font-semibold">{t("admin-payments-reconciliation-heading")}</h2>
                <div class="mb-2 flex flex-wrap items-end gap-2">
                    <div>
                        <label for="recon-start" class="block text-sm font-medium">{t("admin-payments-from-date")}</label>
                        <input id="recon-start" type="date" class="rounded border p-2" bind:value=start />
                    </div>
                    <div>
                        <label for="recon-end" class="block text-sm font-medium">{t("admin-payments-to-date")}</label>
                        <input id="recon-end" type="date" class="rounded border p-2" bind:value=end />
                    </div>
                    <a class="rounded border border-teal-700 px-3 py-2 text-sm text-teal-800" rel="external" download="reconciliation.csv"
                        href=move || format!("/export/reconciliation.csv?start={}&end={}", start.get(), end.get())>{t("admin-payments-export-csv")}</a>
                </div>
                <p class="mb-2 text-xs text-slate-500">{t("admin-payments-days-note")}</p>
                <Suspense fallback=Loading>
                    {move || days.get().map(|r| match r {
                        Err(e) => view! { <ErrorNote error=e /> }.into_any(),
                        Ok(days) if days.is_empty() => view! { <p class="text-sm text-slate-600">{t("admin-payments-days-none")}</p> }.into_any(),
                        Ok(days) => view! {
                            <ul class="space-y-2 text-sm" data-testid="reconciliation">
                                {days.into_iter().map(|d| view! { <Day d /> }).collect_view()}
                            </ul>
                        }.into_any(),
                    })}
                </Suspense>
            </div>
        </section>
    }
}

#[component]
fn KeptPayment(
    u: Unmatched,
    assign: ServerAction<AssignUnmatched>,
    refund: ServerAction<RefundUnmatched>,
) -> impl IntoView {
    let account = RwSignal::new(String::new());
    let note = RwSignal::new(String::new());
    let id = u.id;
    let waiting = u.state == UnmatchedState::Waiting;
    let refund_question = tf(
        "admin-payments-refund-question",
        &[("currency", u.currency.clone()), ("amount", u.amount.to_padded()), ("payer", u.payer.clone())],
    );
    let summary = [
        local_time(u.received_at),
        crate::ui::words::provider(u.provider).to_owned(),
        format!("{} {}", u.currency, u.amount.to_padded()),
        tf("admin-payments-receipt", &[("receipt", u.receipt.clone())]),
        tf("admin-payments-payer", &[("payer", u.payer.clone()), ("name", u.payer_name.clone())]),
        tf("admin-payments-account", &[("account", format!("{:?}", u.account))]),
        u.reason.clone(),
    ]
    .join(" · ");
    let resolved = (!waiting).then(|| {
        let key = if u.state == UnmatchedState::Assigned {
            "admin-payments-assigned"
        } else {
            "admin-payments-to-be-refunded"
        };
        tf(key, &[("note", u.note.clone())])
    });
    view! {
        <li class="border-t py-2">
            <p>{summary}</p>
            {resolved.map(|r| view! { <p class="font-medium">{r}</p> })}
            {waiting.then(|| view! {
                <div class="mt-1 flex flex-wrap items-end gap-2">
                    <label class="text-xs">{t("admin-payments-account-label")}
                        <input class="ms-1 rounded border p-1" bind:value=account />
                    </label>
                    <button class="rounded bg-teal-700 px-2 py-1 text-xs text-white"
                        on:click=move |_| { assign.dispatch(AssignUnmatched { id, account: account.get_untracked() }); }>
                        {t("admin-payments-assign")}
                    </button>
                    <ConfirmButton label=t("admin-payments-refund") question=refund_question answer=t("admin-payments-refund-answer")
                        class="rounded border border-red-700 px-2 py-1 text-xs text-red-800"
                        on_confirm=move || { refund.dispatch(RefundUnmatched { id, note: note.get_untracked() }); }>
                        <label class="mt-2 block text-xs">{t("admin-payments-refund-note")}
                            <input class="ms-1 rounded border p-1" bind:value=note />
                        </label>
                    </ConfirmButton>
                </div>
            })}
        </li>
    }
}

#[component]
fn Day(d: ReconciledDay) -> impl IntoView {
    let head = [
        d.day.clone(),
        crate::ui::words::provider(d.provider).to_owned(),
        tf(
            "admin-payments-confirmed",
            &[("count", d.confirmed_count.to_string()), ("total", money(d.confirmed_total))],
        ),
        tf("admin-payments-credited", &[("count", d.credited_count.to_string()), ("total", money(d.credited_total))]),
    ]
    .join(" · ");
    let clean = d.differences.is_empty();
    view! {
        <li class="border-t pt-2">
            <p class="font-medium">{head}</p>
            {clean.then(|| view! { <p class="text-teal-800">{t("admin-payments-no-differences")}</p> })}
            <ul class="ms-4 list-disc">
                {d.differences.into_iter().map(|x| {
                    let line = format!("{}: {} · {} · {}", crate::ui::words::difference(x.kind), x.what, money(x.amount), x.detail);
                    view! { <li class="text-amber-900">{line}</li> }
                }).collect_view()}
            </ul>
        </li>
    }
}
