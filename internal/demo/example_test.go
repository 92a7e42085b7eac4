package demo_test

import (
	"bytes"
	"fmt"
	"strings"
	"time"

	"github.com/kindredhq/kindred/internal/demo"
)

// Generate an organization and find the demo sign-in accounts.
func ExampleGenerate() {
	org := demo.Generate(demo.Options{People: 300, Seed: 1, AsOf: time.Date(2026, 3, 18, 0, 0, 0, 0, time.UTC)})
	byID := map[string]int{}
	for i, p := range org.People {
		byID[p.ID] = i
	}
	ceo := org.People[0]
	fmt.Println(len(org.People), "people; the CEO is level", ceo.Level, "in", ceo.Function)
	for _, id := range []string{org.Accounts.Admin, org.Accounts.Sponsor, org.Accounts.Mentor, org.Accounts.Mentee} {
		p := org.People[byID[id]]
		fmt.Printf("%-24s %s\n", p.Email, p.AccessRole)
	}
	// Output:
	// 300 people; the CEO is level 10 in Executive
	// admin@kindred.example    admin
	// sponsor@kindred.example  sponsor
	// mentor@kindred.example   member
	// mentee@kindred.example   member
}

// Write the HR export that `kindred import` reads.
func ExampleWriteCSV() {
	org := demo.Generate(demo.Options{People: 300, Seed: 1})
	var b bytes.Buffer
	if err := demo.WriteCSV(&b, org); err != nil {
		panic(err)
	}
	lines := strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n")
	fmt.Println(lines[0])
	fmt.Println(len(lines)-1, "people")
	// Output:
	// id,name,email,level,function,location,timezone,department,work_hours,hire_date,manager_id,languages,skills_offered,skills_wanted,interests,role,capacity,facilitator,learning_style,communication_style,demo_gender,demo_age_band,demo_caregiver,demo_disability
	// 300 people
}
