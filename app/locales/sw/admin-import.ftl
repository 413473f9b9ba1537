## Importing meters and households from a CSV file

admin-import-title = Ingiza mita
admin-import-intro = Faili la CSV lenye mita moja kwa kila mstari, pamoja na kaya yake. Safu wima ni zile za upakuaji wa mita (kwa hiyo faili lililopakuliwa linaweza kuingizwa tena), pamoja na chache zaidi za mpango wa bei, modeli ya kifaa na funguo za LoRaWAN. Kagua faili kwanza: kila tatizo linaorodheshwa kwa mstari na safu wima, na hakuna kinachohifadhiwa. Uingizaji huhifadhi mistari yote au, ikiwa mstari wowote una tatizo, hauhifadhi hata mmoja.
admin-import-template = Pakua kiolezo (safu wima tu, bila mistari)
admin-import-file = Faili la CSV
admin-import-check = Kagua
admin-import-import = Ingiza
admin-import-all-or-nothing = Hakuna kinachohifadhiwa hadi kila mstari uwe sahihi. Kaya mpya hazipewi nenosiri: ipe kila kaya nenosiri lake la kwanza kutoka kwenye ukurasa wake.
# Shown while the server reads the file.
admin-import-working = Inasoma faili…
admin-import-choose-file = chagua faili la CSV
admin-import-unreadable = faili halikuweza kusomwa
# $rows data rows, $meters meters, $households new households, $skipped rows left out.
admin-import-summary = Mistari iliyosomwa: { $rows } · mita: { $meters } · kaya mpya: { $households } · iliyorukwa (mita zilizoondolewa): { $skipped }
admin-import-written = Imeingizwa. Kila mstari umehifadhiwa.
# $count problems; nothing was written.
admin-import-problems = Matatizo yaliyopatikana: { $count }. Hakuna kilichohifadhiwa: sahihisha faili kisha ulikague tena.
admin-import-checked-ok = Faili liko sawa: hakuna kilichohifadhiwa bado.
admin-import-import-checked = Ingiza mistari hii
admin-import-passwords = Kaya mpya bado hazina nenosiri: ipe kila kaya nenosiri lake la kwanza kutoka kwenye ukurasa wake.
admin-import-problems-heading = Matatizo
admin-import-lines-heading = Mistari
admin-import-line = Mstari
admin-import-column = Safu wima
admin-import-reason = Tatizo
admin-import-meter = Mita
admin-import-area = Eneo
admin-import-household = Kaya
admin-import-keys = Funguo
# A household the import creates, first named on line $line.
admin-import-new-household = mpya (mstari { $line })
# $count more problems than the page shows.
admin-import-more = Matatizo yasiyoonyeshwa: { $count }. Sahihisha haya kisha ukague tena.
admin-import-more-lines = Mistari isiyoonyeshwa: { $count }.
