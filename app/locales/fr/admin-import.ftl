## Importing meters and households from a CSV file

admin-import-title = Importer des compteurs
admin-import-intro = Un fichier CSV avec un compteur par ligne, et son foyer. Les colonnes sont celles de l’export des compteurs (un fichier exporté peut donc être réimporté), plus quelques-unes pour le tarif, le modèle d’équipement et les clés LoRaWAN. Vérifiez d’abord le fichier : chaque problème est indiqué par ligne et par colonne, et rien n’est enregistré. Une importation enregistre toutes les lignes ou, si une ligne pose problème, aucune.
admin-import-template = Télécharger le modèle (les colonnes, sans lignes)
admin-import-file = Fichier CSV
admin-import-check = Vérifier
admin-import-import = Importer
admin-import-all-or-nothing = Rien n’est enregistré tant que toutes les lignes ne sont pas correctes. Les nouveaux foyers n’ont pas de mot de passe : attribuez à chacun son premier mot de passe depuis sa page.
# Shown while the server reads the file.
admin-import-working = Lecture du fichier…
admin-import-choose-file = choisissez un fichier CSV
admin-import-unreadable = le fichier n’a pas pu être lu
# $rows data rows, $meters meters, $households new households, $skipped rows left out.
admin-import-summary = Lignes lues : { $rows } · compteurs : { $meters } · nouveaux foyers : { $households } · ignorées (compteurs retirés) : { $skipped }
admin-import-written = Importation terminée. Toutes les lignes ont été enregistrées.
# $count problems; nothing was written.
admin-import-problems = Problèmes détectés : { $count }. Rien n’a été enregistré : corrigez le fichier et vérifiez-le à nouveau.
admin-import-checked-ok = Le fichier est correct : rien n’a encore été enregistré.
admin-import-import-checked = Importer ces lignes
admin-import-passwords = Les nouveaux foyers n’ont pas encore de mot de passe : attribuez à chacun son premier mot de passe depuis sa page.
admin-import-problems-heading = Problèmes
admin-import-lines-heading = Lignes
admin-import-line = Ligne
admin-import-column = Colonne
admin-import-reason = Problème
admin-import-meter = Compteur
admin-import-area = Zone
admin-import-household = Foyer
admin-import-keys = Clés
# A household the import creates, first named on line $line.
admin-import-new-household = nouveau (ligne { $line })
# $count more problems than the page shows.
admin-import-more = Problèmes non affichés : { $count }. Corrigez ceux-ci et vérifiez à nouveau.
admin-import-more-lines = Lignes non affichées : { $count }.
