//! Payments through providers, for operators of a top-level area: money that
//! matched no household (assign it or mark it for refund) and the
//! reconciliation of each provider's days.

use crate::api::unmatched::{AssignUnmatched, RefundUnmatched, list_unmatched, reconcile};
use crate::model::payment::{ReconciledDay, Unmatched, UnmatchedState};
use crate::ui::components::{ConfirmButton, ErrorNote, Loading, ZoneNote, local_time, money, provide_clock};
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
        failed.map(|e| view! { <p role="alert" class="text-sm text-red-700">{e.to_string()}</p> })
    };
    view! {
        <section class="space-y-4">
            <h1 class="text-2xl font-semibold">"Payments"</h1>
            <ZoneNote />
            <div class="rounded bg-white p-4 shadow">
                <h2 class="mb-2 text-lg font-semibold">"Money that matched no household"</h2>
                {outcome}
                <Suspense fallback=Loading>
                    {move || kept.get().map(|r| match r {
                        Err(e) => view! { <ErrorNote error=e /> }.into_any(),
                        Ok(list) if list.is_empty() => view! { <p class="text-sm text-slate-600">"None: every payment found its household."</p> }.into_any(),
                        Ok(list) => view! {
                            <ul class="text-sm" data-testid="unmatched">
                                {list.into_iter().map(|u| view! { <KeptPayment u assign refund /> }).collect_view()}
                            </ul>
                        }.into_any(),
                    })}
                </Suspense>
            </div>
            <div class="rounded bg-white p-4 shadow">
                <h2 class="mb-2 text-lg font-semibold">"Reconciliation"</h2>
                <div class="mb-2 flex flex-wrap items-end gap-2">
                    <div>
                        <label for="recon-start" class="block text-sm font-medium">"From"</label>
                        <input id="recon-start" type="date" class="rounded border p-2" bind:value=start />
                    </div>
                    <div>
                        <label for="recon-end" class="block text-sm font-medium">"To"</label>
                        <input id="recon-end" type="date" class="rounded border p-2" bind:value=end />
                    </div>
                    <a class="rounded border border-teal-700 px-3 py-2 text-sm text-teal-800" rel="external" download="reconciliation.csv"
                        href=move || format!("/export/reconciliation.csv?start={}&end={}", start.get(), end.get())>"Export CSV"</a>
                </div>
                <p class="mb-2 text-xs text-slate-500">"The last seven days unless dates are given."</p>
                <Suspense fallback=Loading>
                    {move || days.get().map(|r| match r {
                        Err(e) => view! { <ErrorNote error=e /> }.into_any(),
                        Ok(days) if days.is_empty() => view! { <p class="text-sm text-slate-600">"No payments through providers in these days."</p> }.into_any(),
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
    let refund_question = format!(
        "Mark {} {} from {} to be paid back? It will not be credited to any account.",
        u.currency,
        u.amount.to_padded(),
        u.payer
    );
    let summary = format!(
        "{} · {} · {} {} · receipt {} · from {} {} · account {:?} · {}",
        local_time(u.received_at),
        u.provider.label(),
        u.currency,
        u.amount.to_padded(),
        u.receipt,
        u.payer,
        u.payer_name,
        u.account,
        u.reason
    );
    let resolved = (!waiting).then(|| {
        let state = if u.state == UnmatchedState::Assigned { "assigned" } else { "to be refunded" };
        format!("{state}: {}", u.note)
    });
    view! {
        <li class="border-t py-2">
            <p>{summary}</p>
            {resolved.map(|r| view! { <p class="font-medium">{r}</p> })}
            {waiting.then(|| view! {
                <div class="mt-1 flex flex-wrap items-end gap-2">
                    <label class="text-xs">"Household or meter number"
                        <input class="ml-1 rounded border p-1" bind:value=account />
                    </label>
                    <button class="rounded bg-teal-700 px-2 py-1 text-xs text-white"
                        on:click=move |_| { assign.dispatch(AssignUnmatched { id, account: account.get_untracked() }); }>
                        "Assign"
                    </button>
                    <ConfirmButton label="Mark for refund" question=refund_question answer="Mark it for refund"
                        class="rounded border border-red-700 px-2 py-1 text-xs text-red-800"
                        on_confirm=move || { refund.dispatch(RefundUnmatched { id, note: note.get_untracked() }); }>
                        <label class="mt-2 block text-xs">"Refund note"
                            <input class="ml-1 rounded border p-1" bind:value=note />
                        </label>
                    </ConfirmButton>
                </div>
            })}
        </li>
    }
}

#[component]
fn Day(d: ReconciledDay) -> impl IntoView {
    let head = format!(
        "{} · {} · confirmed {} ({}) · credited {} ({})",
        d.day,
        d.provider.label(),
        d.confirmed_count,
        money(d.confirmed_total),
        d.credited_count,
        money(d.credited_total)
    );
    let clean = d.differences.is_empty();
    view! {
        <li class="border-t pt-2">
            <p class="font-medium">{head}</p>
            {clean.then(|| view! { <p class="text-teal-800">"No differences."</p> })}
            <ul class="ml-4 list-disc">
                {d.differences.into_iter().map(|x| {
                    let line = format!("{}: {} · {} · {}", x.kind.label(), x.what, money(x.amount), x.detail);
                    view! { <li class="text-amber-900">{line}</li> }
                }).collect_view()}
            </ul>
        </li>
    }
}
