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
