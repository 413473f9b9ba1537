# The operator portal's apiTokens for legacy clients
# (app/src/ui/pages/admin/tokens.rs): issue one, see when it was last used, revoke.

## Issuing a token

admin-tokens-heading = 旧版客户端的 API 令牌
# The name of the program that will use the token.
admin-tokens-client-name = 客户端名称
# Placeholder: an example of a client name.
admin-tokens-client-name-example = 计费调度程序
admin-tokens-days = 有效期（天）
admin-tokens-days-invalid = 必须是整数天数
# Button.
admin-tokens-issue = 签发令牌
# $time is when the token expires, $zone the time zone it is written in
# (e.g. Africa/Nairobi).
admin-tokens-copy-now = 请立即复制此令牌，它不会再次显示。有效期至 { $time }（{ $zone }）。

## The tokens

admin-tokens-col-client = 客户端
# When the token was issued.
admin-tokens-col-issued = 签发时间
admin-tokens-col-expires = 过期时间
admin-tokens-col-last-used = 上次使用
admin-tokens-col-state = 状态
# A token's state in the table.
admin-tokens-revoked = 已吊销
# Button; it asks admin-tokens-revoke-question first.
admin-tokens-revoke = 吊销
# $client is the client's name.
admin-tokens-revoke-question = 确定吊销 { $client } 的令牌吗？使用该令牌的客户端将立即被拒绝，需重新登录。
# The answer to the question that revokes the token.
admin-tokens-revoke-it = 确认吊销
