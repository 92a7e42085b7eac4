package people

// NameJoin returns the JOIN clause another package's query adds to sort
// its rows by the name of the person whose id is in idColumn, reading the
// person as alias. The people table's name and columns stay written here:
// an owner of a person-keyed table that must page by name in SQL (a
// cycle's enrollments, 50 of thousands) joins through this, and reads the
// names themselves with Accounts.
func NameJoin(alias, idColumn string) string {
	return "JOIN people " + alias + " ON " + alias + ".id = " + idColumn
}

// NameKey returns the ORDER BY expression of a person's name joined by
// NameJoin as alias: case-folded, as the directory sorts.
func NameKey(alias string) string { return "lower(" + alias + ".name)" }

// NameColumn returns the column of a person's name joined by NameJoin as
// alias, for a query that shows names beside its own rows.
func NameColumn(alias string) string { return alias + ".name" }

// FoldName folds a name for sorting in Go the way NameKey's lower() does
// in SQL on both engines here (ASCII letters only), so a list sorted in Go
// agrees with one sorted by the database.
func FoldName(name string) string {
	b := []byte(name)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}
