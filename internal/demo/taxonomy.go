package demo

// The shared vocabulary of the generated organization: functions and their
// departments, the skill taxonomy, interests, locations, working hours and
// styles. Everything is a fixed, ordered table so that generation never
// depends on map iteration order.

// function is one function of the organization.
type function struct {
	name   string
	weight int      // share of headcount, relative to the other functions
	depts  []string // departments inside the function, largest first
	skills []string // skills of the function, most common first
	role   string   // what an individual contributor is called, for bios
	women  float64  // share of people with a woman's first name
}

// leadership is the department of the function's head.
func (f function) leadership() string { return f.name + " Leadership" }

// executive is the function of the CEO alone; every function head reports
// to the CEO.
var executive = function{
	name: "Executive", depts: []string{"Office of the CEO"}, role: "Chief Executive Officer", women: 0.5,
}

// functions lists the functions under the CEO. The People function must
// keep a "Learning & Development" department: the demo admin works there.
var functions = []function{
	{name: "Engineering", weight: 30, women: 0.33,
		depts:  []string{"Platform", "Infrastructure", "Web", "Mobile", "Security", "Developer Experience"},
		skills: []string{"Go", "System design", "Kubernetes", "Distributed systems", "Cloud architecture", "Frontend development", "Testing", "Mobile development", "Incident response", "Security engineering"},
		role:   "Engineer"},
	{name: "Product", weight: 6, women: 0.48,
		depts:  []string{"Core Product", "Growth", "Platform Product"},
		skills: []string{"Product strategy", "Roadmapping", "Product discovery", "Experimentation", "Pricing"},
		role:   "Product Manager"},
	{name: "Design", weight: 4, women: 0.55,
		depts:  []string{"Product Design", "UX Research", "Brand Design"},
		skills: []string{"Interaction design", "UX research", "Design systems", "Prototyping", "Visual design"},
		role:   "Designer"},
	{name: "Data", weight: 6, women: 0.36,
		depts:  []string{"Analytics", "Data Engineering", "Machine Learning"},
		skills: []string{"SQL", "Data analysis", "Python", "Data visualization", "Statistics", "Machine learning"},
		role:   "Data Scientist"},
	{name: "Sales", weight: 14, women: 0.42,
		depts:  []string{"Enterprise Sales", "Mid-Market Sales", "Sales Engineering", "Sales Operations"},
		skills: []string{"Enterprise sales", "Account planning", "Prospecting", "Solution selling", "Sales forecasting"},
		role:   "Account Executive"},
	{name: "Marketing", weight: 7, women: 0.6,
		depts:  []string{"Product Marketing", "Demand Generation", "Brand & Content", "Communications"},
		skills: []string{"Product marketing", "Content strategy", "Demand generation", "Brand strategy", "SEO", "Copywriting"},
		role:   "Marketing Manager"},
	{name: "Customer Success", weight: 11, women: 0.55,
		depts:  []string{"Support", "Account Management", "Onboarding"},
		skills: []string{"Customer onboarding", "Account management", "Technical support", "Escalation handling", "Customer advocacy"},
		role:   "Customer Success Manager"},
	{name: "Finance", weight: 5, women: 0.5,
		depts:  []string{"FP&A", "Accounting", "Procurement"},
		skills: []string{"Financial modeling", "Budgeting", "Accounting", "Procurement"},
		role:   "Financial Analyst"},
	{name: "People", weight: 5, women: 0.65,
		depts:  []string{"Talent Acquisition", "People Partners", "Learning & Development", "Total Rewards"},
		skills: []string{"Recruiting", "Coaching", "Employee relations", "Learning design", "Compensation design"},
		role:   "People Partner"},
	{name: "Legal", weight: 2, women: 0.5,
		depts:  []string{"Commercial Legal", "Privacy & Compliance", "Employment Law"},
		skills: []string{"Contract negotiation", "Privacy compliance", "Risk management", "Employment law"},
		role:   "Counsel"},
	{name: "Operations", weight: 6, women: 0.45,
		depts:  []string{"Business Operations", "IT", "Workplace"},
		skills: []string{"Project management", "Process improvement", "Vendor management", "IT administration"},
		role:   "Operations Specialist"},
}

// crossSkills are skills that belong to no function, most common first.
var crossSkills = []string{
	"Stakeholder management", "Public speaking", "Career planning", "Giving feedback",
	"People management", "Negotiation", "Writing", "Cross-functional collaboration",
	"Decision making", "Influencing without authority", "Conflict resolution",
	"Executive communication", "Change management", "Hiring", "Time management",
}

// properSkills keep their capital letter inside a sentence.
var properSkills = map[string]bool{"Go": true, "Kubernetes": true, "Python": true, "SQL": true, "SEO": true}

// interests is the list people pick their interests from.
var interests = []string{
	"Climbing", "Open source", "Chess", "Running", "Cycling", "Cooking", "Photography",
	"Board games", "Gardening", "Hiking", "Music", "Reading", "Yoga", "Travel",
	"Volunteering", "Film", "Podcasts", "Painting", "Football", "Basketball", "Cricket",
	"Baking", "Language learning", "Meditation", "Video games", "Sustainability",
	"Writing fiction", "Dance",
}

// language is a language spoken by a share of the people of a location.
type language struct {
	name  string
	share float64
}

// location is an office. Each has one IANA time zone.
type location struct {
	name    string
	zone    string
	weight  int        // share of headcount, relative to the other locations
	region  int        // index into namePools of the local names
	local   float64    // share of people with a local name; others come from anywhere
	english float64    // share of people who speak English
	langs   []language // other languages spoken there
}

// locations lists the offices; the first is headquarters. Bangalore is at
// +05:30 and Kathmandu at +05:45, so schedules meet 15-minute offsets.
var locations = []location{
	{name: "New York", zone: "America/New_York", weight: 13, region: regionEnglish, local: 0.55, english: 1,
		langs: []language{{"Spanish", 0.10}, {"Mandarin", 0.03}}},
	{name: "San Francisco", zone: "America/Los_Angeles", weight: 11, region: regionEnglish, local: 0.5, english: 1,
		langs: []language{{"Spanish", 0.08}, {"Mandarin", 0.06}, {"Hindi", 0.04}}},
	{name: "London", zone: "Europe/London", weight: 12, region: regionEnglish, local: 0.6, english: 1,
		langs: []language{{"French", 0.08}, {"Hindi", 0.04}, {"Polish", 0.03}}},
	{name: "Bangalore", zone: "Asia/Kolkata", weight: 14, region: regionIndian, local: 0.92, english: 0.98,
		langs: []language{{"Hindi", 0.6}, {"Kannada", 0.4}, {"Tamil", 0.15}, {"Telugu", 0.12}}},
	{name: "Berlin", zone: "Europe/Berlin", weight: 8, region: regionGerman, local: 0.7, english: 0.97,
		langs: []language{{"German", 0.85}, {"Turkish", 0.05}}},
	{name: "Chicago", zone: "America/Chicago", weight: 5, region: regionEnglish, local: 0.65, english: 1,
		langs: []language{{"Spanish", 0.08}, {"Polish", 0.04}}},
	{name: "Toronto", zone: "America/Toronto", weight: 5, region: regionEnglish, local: 0.55, english: 1,
		langs: []language{{"French", 0.25}, {"Punjabi", 0.04}, {"Mandarin", 0.04}}},
	{name: "São Paulo", zone: "America/Sao_Paulo", weight: 5, region: regionBrazilian, local: 0.9, english: 0.9,
		langs: []language{{"Portuguese", 0.98}, {"Spanish", 0.2}}},
	{name: "Mexico City", zone: "America/Mexico_City", weight: 4, region: regionSpanish, local: 0.9, english: 0.9,
		langs: []language{{"Spanish", 0.98}}},
	{name: "Paris", zone: "Europe/Paris", weight: 3, region: regionFrench, local: 0.85, english: 0.95,
		langs: []language{{"French", 0.97}, {"Arabic", 0.05}}},
	{name: "Nairobi", zone: "Africa/Nairobi", weight: 3, region: regionKenyan, local: 0.9, english: 0.99,
		langs: []language{{"Swahili", 0.9}}},
	{name: "Kathmandu", zone: "Asia/Kathmandu", weight: 3, region: regionNepali, local: 0.95, english: 0.97,
		langs: []language{{"Nepali", 0.97}, {"Hindi", 0.35}}},
	{name: "Singapore", zone: "Asia/Singapore", weight: 6, region: regionSingaporean, local: 0.8, english: 1,
		langs: []language{{"Mandarin", 0.5}, {"Malay", 0.2}, {"Tamil", 0.1}}},
	{name: "Sydney", zone: "Australia/Sydney", weight: 6, region: regionEnglish, local: 0.6, english: 1,
		langs: []language{{"Mandarin", 0.04}}},
}

// hours are the working hours people keep, in minutes after local
// midnight, with how common each is.
var hours = []struct{ start, end, weight int }{
	{9 * 60, 17 * 60, 58},
	{8 * 60, 16 * 60, 12},
	{10 * 60, 18 * 60, 12},
	{7*60 + 30, 15*60 + 30, 6},
	{8*60 + 30, 16*60 + 30, 6},
	{9*60 + 30, 17*60 + 30, 4},
	{9 * 60, 13 * 60, 2}, // part time
}

var (
	learningStyles      = []string{"visual", "reading", "hands-on", "discussion"}
	communicationStyles = []string{"direct", "reflective", "structured", "casual"}
)

// accessibilityNeeds are the needs a few people state.
var accessibilityNeeds = []string{
	"Captions in video calls",
	"Agenda and materials shared in advance",
	"Screen-reader friendly documents",
	"Step-free access to meeting rooms",
	"No back-to-back meetings",
	"Quiet room for in-person sessions",
	"High-contrast slides",
}

// DemographicAttributes are the self-reported attributes Generate fills,
// in the order WriteCSV writes their demo_ columns.
var DemographicAttributes = []string{"gender", "age_band", "caregiver", "disability"}

// ageBands are the answers to the age question, youngest first.
var ageBands = []string{"<25", "25-34", "35-44", "45-54", "55+"}

// Answers to the other demographic questions.
const (
	preferNotToSay  = "prefer not to say"
	answerYes       = "yes"
	answerNo        = "no"
	genderWoman     = "woman"
	genderMan       = "man"
	genderNonBinary = "non-binary"
)
