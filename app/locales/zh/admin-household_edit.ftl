## Editing a household

# $number: the household's number, as it signs in with.
admin-household-edit-heading = 编辑用户 { $number }
# $balance: the household's balance with its currency, e.g. "KES 12.50".
admin-household-edit-balance = 余额 { $balance }：如需调整，请在表具页面进行现金充值或退款。
# $id: the household's number in the database.
admin-household-edit-not-found = 找不到用户 { $id }

## The form

admin-household-edit-household-name = 户名
admin-household-edit-phone = 手机号
admin-household-edit-address = 地址
# The amount below which the household is warned that its balance is low.
admin-household-edit-warn-below = 预警金额
admin-household-edit-new-password = 新密码（可选）
# A button.
admin-household-edit-save = 保存用户
# A link that closes the form.
admin-household-edit-close = 关闭
# $id: the household's number in the database.
admin-household-edit-saved = 用户 { $id } 已保存。
# $id: the household's number in the database; $password: its new first password.
admin-household-edit-saved-with-password = 用户 { $id } 已保存。新的初始密码（仅显示一次）：{ $password }
