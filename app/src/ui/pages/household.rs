//! The household dashboard: balance, warning, meters.

use crate::api::households::my_account;
use crate::ui::components::{ErrorNote, Loading};
use leptos::prelude::*;

#[component]
pub fn Dashboard() -> impl IntoView {
    let account = Resource::new(|| (), |_| my_account());
    view! {
        <Suspense fallback=Loading>
            {move || account.get().map(|r| match r {
                Err(e) => view! { <ErrorNote error=e /> }.into_any(),
                Ok((household, meters)) => {
                    let low = household.is_low();
                    view! {
                        <section class="space-y-4">
                            <h1 class="text-2xl font-semibold">{household.name.clone()}</h1>
                            <div class="rounded bg-white p-4 shadow">
                                <p class="text-sm text-slate-500">"Balance"</p>
                                <p class="text-3xl font-bold" data-testid="balance">{household.balance.to_padded()}</p>
                                <Show when=move || low>
                                    <p role="alert" class="mt-2 rounded bg-amber-100 p-2 text-amber-900">
                                        "Your balance is below " {household.warn_money.to_padded()} ". Please top up."
                                    </p>
                                </Show>
                            </div>
                            <h2 class="text-xl font-semibold">"Meters"</h2>
                            <ul class="grid gap-3 sm:grid-cols-2">
                                {meters.into_iter().map(|m| view! {
                                    <li class="rounded bg-white p-4 shadow">
                                        <p class="font-medium">{m.energy_type.label()} " · " {m.serialnumber.clone()}</p>
                                        <p class="text-sm">"Reading: " {m.reading.to_padded()} " " {m.energy_type.unit()}</p>
                                        <p class="text-sm">"Valve: " {m.valve_state.label()}</p>
                                        <p class="text-sm text-slate-500">"Last read: " {m.last_read_at.map(|t| t.text()).unwrap_or_else(|| "never".into())}</p>
                                    </li>
                                }).collect_view()}
                            </ul>
                        </section>
                    }.into_any()
                }
            })}
        </Suspense>
    }
}
