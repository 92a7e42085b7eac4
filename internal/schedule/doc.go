// Package schedule finds weekly meeting times for groups of people spread
// over time zones. It is pure: plain values in, plain values out, no
// database, no HTTP, no clock (dates come in as arguments).
//
// # Model
//
// A Week is a set of 15-minute steps of a week in UTC, step 0 being Monday
// 00:00-00:15 UTC; 15 minutes is fine enough for zones at +5:30 (India),
// +5:45 (Nepal) and +12:45 (Chatham). A person's availability is their
// working Hours (local wall-clock time, Monday to Friday) in their IANA
// zone. Availability turns that into the Week of steps that lie inside
// the working hours in every week overlapping a date range (weeks start on
// Monday 00:00 UTC). Because it takes every week, a meeting found in the
// result stays inside everyone's day across daylight-saving changes, which
// happen on different dates in different zones (the United States in
// mid-March, Europe at the end of March, the southern hemisphere in April
// and October) and by 30 minutes on Lord Howe Island.
//
// A step is inside when its whole 15 minutes are; the offset of a zone is
// read from the Go time zone database (time/tzdata is embedded), and a
// step split by an offset change is inside only if both pieces are.
//
// # Finding a slot
//
// Find intersects the members' availabilities and lists every start of a
// run of steps long enough for the meeting, wrapping from Sunday to Monday
// (Week.Starts). The best slot puts the meeting nearest mid-day for the
// most people: each candidate scores the sum over members of the distance
// between the slot's middle on the member's wall clock and the middle of
// the member's working day, in the week holding the range's first date;
// the lowest score wins and ties go to the earliest step, so the result is
// deterministic. When no slot exists, Find reports the slot the most
// members can make (ties broken the same way) and the members who block
// it.
//
// # Complexity
//
// A Week is 11 machine words; intersection is O(11) per member and
// Week.Starts of a run of k steps costs O(log k) word rotations, with no
// allocation, so FindWeek suits hot loops. Availability builds the working
// hours once as a local week, then per week of the range looks up the
// zone's offsets and rotates the local week by each: O(StepsPerWeek + W)
// for W weeks (offsets that are not whole steps, which no zone uses today,
// fall back to O(StepsPerWeek) per week). Cache memoizes it by zone name,
// hours and weeks, so N people in Z zones with H distinct working hours
// cost N map look-ups plus at most Z*H computations.
package schedule
