## The sign-in page
signin-title = 登录
# Shown when someone opened their account's page without being signed in.
signin-please = 请登录后查看您的账户。
signin-as-operator = 已作为运营人员 { $name } 登录。
signin-as-household = 已作为 { $name } 登录。
signin-continue = 继续
# "I am: a household / an operator"
signin-role = 我是
signin-role-household = 住户
signin-role-operator = 运营人员
signin-username = 用户名、户号或手机号
signin-password = 密码
signin-busy = 正在登录…
signin-submit = 登录
