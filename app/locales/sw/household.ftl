## The household's dashboard
household-meters = Mita
# $value is the meter's register, $unit its unit (m³, kWh).
household-reading = Usomaji: { $value } { $unit }
household-valve = Vali: { $state }
household-last-read = Usomaji wa mwisho: { $time }

## Balance
balance-title = Salio
# $spend is an amount of money a day, $days a whole number.
balance-lasts = Kwa matumizi yako ya hivi karibuni ({ $spend } kwa siku), salio lako litadumu takriban siku { $days }.
balance-no-estimate = Hakuna matumizi katika siku 30 zilizopita, kwa hivyo hatuwezi kukadiria.
balance-low = Salio lako liko chini ya { $warning }. Tafadhali ongeza salio.

## Top-up (households pay; operators record cash with the same form)
topup-title = Ongeza salio
topup-not-set-up = Malipo bado hayajawezeshwa hapa: lipa kwenye ofisi ya kampuni ya huduma.
topup-pay-with = Lipa kwa
topup-phone = Simu inayolipa
topup-sandbox = Hali ya majaribio haitumii pesa halisi.
topup-cash-note = Hurekodi pesa taslimu zilizopokelewa kaunta.
topup-meter = Mita
topup-amount = Kiasi
topup-amount-hint = Kiasi kama 50 au 12.50
# The question before paying: $amount with its currency, $meter the meter's name.
topup-ask-pay = Lipa { $amount } kwa mita { $meter }?
topup-ask-cash = Rekodi pesa taslimu { $amount } kwa mita { $meter }?
topup-record-cash = Rekodi pesa taslimu
topup-pay = Lipa
topup-paying = Inalipa…
topup-confirm = Thibitisha
topup-change = Badilisha

## A meter's history
history-last-30-days = Siku 30 zilizopita
history-last-12-months = Miezi 12 iliyopita
history-payments = Malipo
history-bills = Bili
history-valve-events = Matukio ya vali
history-no-payments = Bado hakuna malipo.
history-no-bills = Bado hakuna bili.
history-no-valve-events = Bado hakuna matukio ya vali.
history-bill-paid = imelipwa
history-valve-opened = ilifunguliwa
history-valve-closed = ilifungwa
history-pay-from-balance = Lipa kutoka kwenye salio

## Choosing one's own password (first sign-in)
password-welcome = Karibu, { $name }
password-set-for-you = Nenosiri lako liliwekwa kwa niaba yako. Chagua lako mwenyewe kabla ya kuendelea.
password-current = Nenosiri la sasa
password-new = Nenosiri jipya (herufi 8 au zaidi)
password-save = Hifadhi nenosiri
household-alerts-heading = Yanahitaji umakini wako
household-alert-low-balance = Salio lako la { $balance } liko chini ya kiasi chako cha onyo cha { $warn }. Ongeza salio ili huduma isikatike.
household-alert-supply-cut = Vali ya mita { $meter } imefungwa: salio lako ni { $balance }. Ukiongeza salio, itafunguliwa tena.
household-alert-close-waiting = Salio lako ni { $balance }: mita { $meter } inabaki wazi usiku, wikendi au sikukuu, na itafungwa baadaye usipoongeza salio.
household-alert-leak = Mita { $meter } inaripoti huenda kuna uvujaji ({ $time }). Kagua koki na mabomba, au piga simu kwa kampuni yako ya huduma.
household-alert-night-flow = Mita { $meter } ilihesabu matumizi kila saa ya usiku wa jana (angalau { $least } kwa saa): huenda bomba liko wazi au paipu inavuja. Zikague, au piga simu kwa mtoa huduma wako.
