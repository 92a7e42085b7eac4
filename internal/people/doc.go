// Package people stores the people of an organization: profiles (the
// person.Person record), the all-or-nothing HR CSV import, the directory
// with its search and facets, accounts and credentials for auth, and the
// read functions other packages use instead of querying the people table
// themselves (Account, Accounts, Names, OrgChart, NameJoin...).
//
// Self-reported demographic attributes live in a table of their own and
// are only ever read in aggregate.
package people
