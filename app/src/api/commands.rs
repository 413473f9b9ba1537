//! Valve switching and the command queue.

use crate::model::AppError;
use crate::model::command::{CommandFilter, CommandInfo, CommandRow};
use crate::model::ids::{CommandId, MeterId};
use crate::model::paging::Page;
use leptos::prelude::*;

/// An operator opens or closes a meter's valve; answers the command that
/// carries it (queued now, or on its way already).
#[server(prefix = "/sfn", endpoint = "set_valve", input = server_fn::codec::Json)]
pub async fn set_valve(meter_id: MeterId, open: bool) -> Result<crate::model::command::ValveOrder, AppError> {
    use crate::backend::{services::valve_switching, session};
    use crate::model::meter::MeterRef;
    session::with_caller(|state, caller| async move {
        valve_switching::set_valve(&state.db, &state.settings, &caller, &MeterRef::Id(meter_id), open).await
    })
    .await
}

#[server(prefix = "/sfn", endpoint = "get_command", input = server_fn::codec::Json)]
pub async fn get_command(id: CommandId) -> Result<CommandInfo, AppError> {
    use crate::backend::{services::commands, session};
    session::with_caller(|state, caller| async move { commands::get_command(&state.db, &caller, id).await }).await
}

#[server(prefix = "/sfn", endpoint = "list_commands", input = server_fn::codec::Json)]
pub async fn list_commands(filter: CommandFilter) -> Result<Page<CommandRow>, AppError> {
    use crate::backend::{services::commands, session};
    session::with_caller(|state, caller| async move { commands::list_commands(&state.db, &caller, filter).await }).await
}

/// An operator who read the meter says whether it took a credit it never
/// confirmed (`took`), which settles the credit and its top-up.
#[server(prefix = "/sfn", endpoint = "settle_credit")]
pub async fn settle_credit(id: CommandId, took: bool) -> Result<(), AppError> {
    use crate::backend::{services::commands, session};
    session::with_caller(
        |state, caller| async move { commands::settle_unconfirmed(&state.db, &caller, id, took).await },
    )
    .await
}
