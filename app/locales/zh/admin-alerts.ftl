admin-alerts-title = 告警
admin-alerts-area = 区域
admin-alerts-all-my-areas = 我的全部区域
admin-alerts-kind = 类型
admin-alerts-all-kinds = 全部类型
admin-alerts-state = 状态
# The default state filter: open and acknowledged alerts.
admin-alerts-needing-someone = 未确认或已确认
admin-alerts-show = 查询
admin-alerts-note = 备注
# $count is how many alerts are ticked.
admin-alerts-acknowledge-chosen = 确认所选（{ $count }）
admin-alerts-acknowledge = 确认
admin-alerts-acknowledged = 已确认 { $count } 条
admin-alerts-none = 没有符合条件的告警。
admin-alerts-count = 共 { $rows } 条告警 · 第 { $page } / { $pages } 页
admin-alerts-choose = 选择
admin-alerts-choose-one = 选择告警 { $id }
admin-alerts-opened = 产生时间
admin-alerts-what = 对象
admin-alerts-evidence = 依据
# $who is an operator, $time when they acknowledged.
admin-alerts-acknowledged-by = 由 { $who } 于 { $time } 确认
admin-alerts-resolved-at = 于 { $time } 解除
admin-alerts-notices-failed = 多次尝试后仍未送达 Webhook 的通知：{ $count }。请查看服务器日志。
