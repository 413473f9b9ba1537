//! The welcome slip: a new household's number and first password, shown once
//! to the operator who created it, to print or copy for the household.

use crate::model::household::Welcome;
use crate::ui::texts::{t, tf};
use leptos::prelude::*;

#[component]
pub fn WelcomeSlip(welcome: Welcome) -> impl IntoView {
    view! {
        <section data-testid="welcome-slip" class="space-y-2 rounded border-2 border-dashed border-teal-700 bg-white p-4">
            <h2 class="text-lg font-semibold">{tf("admin-welcome-heading", &[("name", welcome.name)])}</h2>
            <p class="text-sm text-slate-600">{t("admin-welcome-shown-once")}</p>
            <dl class="grid grid-cols-2 gap-1">
                <dt class="text-slate-600">{t("admin-welcome-household-number")}</dt>
                <dd data-testid="welcome-number" class="font-mono">{welcome.serialnumber}</dd>
                <dt class="text-slate-600">{t("admin-welcome-first-password")}</dt>
                <dd data-testid="welcome-password" class="font-mono">{welcome.password.0}</dd>
            </dl>
            <p class="text-sm">{t("admin-welcome-sign-in")}</p>
            <button type="button" onclick="window.print()" class="rounded border px-3 py-1 print:hidden">{t("admin-welcome-print")}</button>
        </section>
    }
}
