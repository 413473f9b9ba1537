//! Payment orders (top-ups): so far, how a command's end finishes the order
//! waiting on it. The top-up service's own SQL moves here with issue 16.

use crate::backend::error::ServiceError;
use crate::model::command::CommandState;
use crate::model::ids::CommandId;
use crate::model::order::OrderState;
use crate::model::time::Timestamp;
use sqlx::{Any, Transaction};

/// Finishes the order waiting on `command` (in recharge) as `state`.
pub async fn finish_for_command(
    tx: &mut Transaction<'static, Any>,
    command: CommandId,
    state: OrderState,
    result: &str,
    at: Timestamp,
) -> Result<(), ServiceError> {
    sqlx::query(
        "UPDATE payment_orders SET state = $1, finished_at = $2, result = $3 WHERE command_id = $4 AND state = $5",
    )
    .bind(state.code())
    .bind(at.0)
    .bind(result.to_owned())
    .bind(command.0)
    .bind(OrderState::InRecharge.code())
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Fails every order in recharge whose command has expired.
pub async fn fail_for_expired_commands(
    tx: &mut Transaction<'static, Any>,
    result: &str,
    at: Timestamp,
) -> Result<(), ServiceError> {
    sqlx::query(
        "UPDATE payment_orders SET state = $1, finished_at = $2, result = $3
         WHERE state = $4 AND command_id IN (SELECT id FROM commands WHERE state = $5)",
    )
    .bind(OrderState::Failed.code())
    .bind(at.0)
    .bind(result.to_owned())
    .bind(OrderState::InRecharge.code())
    .bind(CommandState::Expired.code())
    .execute(&mut **tx)
    .await?;
    Ok(())
}
