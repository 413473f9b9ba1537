## The welcome slip: a new household's number and first password, shown once to the operator

# $name: the new household's name.
admin-welcome-heading = 欢迎使用 Meterline，{ $name }
admin-welcome-shown-once = 仅显示一次：请立即打印或复制给该用户。之后无法再次显示（如遗失，可在用户页面设置新密码）。
# The number the household signs in with.
admin-welcome-household-number = 户号
admin-welcome-first-password = 初始密码
# Addressed to the household that reads the slip.
admin-welcome-sign-in = 请凭户号和此密码登录，系统会先请您设置自己的密码。
# A button.
admin-welcome-print = 打印开户单
