package demo

import "strings"

// namePool is a set of first and last names common in a region, with the
// language a person with such a name may also speak elsewhere.
type namePool struct {
	women, men, last []string
	language         string // heritage language; "" for English
}

// Regions, as indexes into namePools.
const (
	regionEnglish = iota
	regionGerman
	regionFrench
	regionSpanish
	regionBrazilian
	regionIndian
	regionNepali
	regionSingaporean
	regionKenyan
)

var namePools = []namePool{
	regionEnglish: {
		women: []string{"Olivia", "Emma", "Charlotte", "Amelia", "Sophie", "Grace", "Hannah", "Chloe", "Lucy", "Emily", "Zoe", "Megan", "Abigail", "Harper", "Maya", "Aaliyah", "Keisha", "Ruby"},
		men:   []string{"James", "Noah", "Liam", "Oliver", "Henry", "Jack", "Thomas", "Daniel", "Samuel", "Ethan", "Benjamin", "Michael", "William", "Lucas", "Owen", "Ryan", "Marcus", "Connor"},
		last:  []string{"Smith", "Johnson", "Williams", "Brown", "Jones", "Miller", "Davis", "Wilson", "Taylor", "Anderson", "Thompson", "Walker", "Harris", "Clark", "Lewis", "Robinson", "Young", "King", "Wright", "Scott", "Campbell", "Evans", "Murphy", "O'Brien", "Kelly", "Nguyen", "Kim", "Okafor"},
	},
	regionGerman: {
		women:    []string{"Anna", "Mia", "Lena", "Laura", "Sophie", "Hannah", "Lea", "Johanna", "Katharina", "Julia", "Marie", "Clara", "Greta", "Paula"},
		men:      []string{"Lukas", "Leon", "Felix", "Jonas", "Maximilian", "Paul", "Tobias", "Jan", "Niklas", "Moritz", "Florian", "Sebastian", "Jürgen", "Matthias"},
		last:     []string{"Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Schulz", "Hoffmann", "Koch", "Richter", "Klein", "Wolf", "Neumann", "Schwarz", "Zimmermann", "Braun", "Krüger", "Hartmann", "Yilmaz", "Kaya"},
		language: "German",
	},
	regionFrench: {
		women:    []string{"Camille", "Chloé", "Léa", "Manon", "Inès", "Sarah", "Julie", "Élodie", "Margaux", "Amandine", "Clémence", "Yasmine"},
		men:      []string{"Louis", "Hugo", "Jules", "Arthur", "Gabriel", "Nathan", "Antoine", "Mathis", "Théo", "Julien", "Karim", "Olivier"},
		last:     []string{"Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy", "Moreau", "Simon", "Laurent", "Lefebvre", "Michel", "Fournier", "Girard", "Bonnet", "Dupont", "Lambert", "Benali"},
		language: "French",
	},
	regionSpanish: {
		women:    []string{"Sofía", "Valentina", "Camila", "Lucía", "Daniela", "María", "Fernanda", "Ximena", "Paola", "Gabriela", "Andrea", "Renata"},
		men:      []string{"Diego", "Santiago", "Mateo", "Alejandro", "Carlos", "José", "Javier", "Andrés", "Miguel", "Luis", "Emiliano", "Ricardo"},
		last:     []string{"García", "Hernández", "López", "Martínez", "González", "Rodríguez", "Pérez", "Sánchez", "Ramírez", "Torres", "Flores", "Rivera", "Gómez", "Díaz", "Cruz", "Morales", "Reyes", "Gutiérrez", "Ortiz", "Castillo"},
		language: "Spanish",
	},
	regionBrazilian: {
		women:    []string{"Ana", "Mariana", "Beatriz", "Juliana", "Larissa", "Camila", "Fernanda", "Letícia", "Carolina", "Isabela", "Gabriela", "Luana"},
		men:      []string{"João", "Lucas", "Gabriel", "Rafael", "Pedro", "Mateus", "Thiago", "Gustavo", "Bruno", "Felipe", "Rodrigo", "Vinícius"},
		last:     []string{"Silva", "Santos", "Oliveira", "Souza", "Rodrigues", "Ferreira", "Alves", "Pereira", "Lima", "Gomes", "Costa", "Ribeiro", "Martins", "Carvalho", "Almeida", "Araújo", "Barbosa", "Rocha", "Cardoso", "Nascimento"},
		language: "Portuguese",
	},
	regionIndian: {
		women:    []string{"Priya", "Ananya", "Divya", "Kavya", "Sneha", "Meera", "Lakshmi", "Pooja", "Deepa", "Shreya", "Nandini", "Ishita", "Aishwarya", "Radhika", "Swati", "Anjali"},
		men:      []string{"Aarav", "Rohan", "Vikram", "Arjun", "Rahul", "Aditya", "Karthik", "Siddharth", "Nikhil", "Varun", "Anil", "Suresh", "Manish", "Pranav", "Harish", "Imran"},
		last:     []string{"Sharma", "Patel", "Iyer", "Reddy", "Nair", "Rao", "Gupta", "Singh", "Kumar", "Menon", "Krishnan", "Joshi", "Desai", "Bhat", "Hegde", "Shetty", "Mehta", "Chatterjee", "Banerjee", "Pillai", "Verma", "Agarwal", "Kulkarni", "Gowda", "Khan"},
		language: "Hindi",
	},
	regionNepali: {
		women:    []string{"Sita", "Sunita", "Anjali", "Sabina", "Pooja", "Srijana", "Nisha", "Sarita", "Asmita", "Pratiksha", "Rojina", "Bimala"},
		men:      []string{"Aayush", "Bikash", "Prakash", "Rajesh", "Suman", "Sandeep", "Nabin", "Binod", "Sagar", "Roshan", "Dipesh", "Kiran"},
		last:     []string{"Shrestha", "Adhikari", "Gurung", "Thapa", "Tamang", "Karki", "Maharjan", "Rai", "Magar", "Bhattarai", "Poudel", "Basnet", "Pandey", "Khadka", "Limbu"},
		language: "Nepali",
	},
	regionSingaporean: {
		women:    []string{"Mei Ling", "Xin Yi", "Hui Min", "Siew Ling", "Li Na", "Shu Fen", "Jia Hui", "Nurul", "Siti", "Kavitha", "Wei Ting", "Rachel"},
		men:      []string{"Wei", "Jun", "Jia Hao", "Kai Wen", "Zhi Hao", "Wen Jie", "Ahmad", "Hafiz", "Ravi", "Darren", "Marcus", "Jun Jie"},
		last:     []string{"Tan", "Lim", "Lee", "Ng", "Ong", "Wong", "Goh", "Chua", "Chan", "Koh", "Teo", "Ang", "Yeo", "Chen", "Wang", "Zhang", "Liu", "Huang", "Rahman", "Ismail"},
		language: "Mandarin",
	},
	regionKenyan: {
		women:    []string{"Wanjiru", "Achieng", "Amina", "Njeri", "Zawadi", "Faith", "Mercy", "Wambui", "Akinyi", "Chebet", "Nyambura", "Halima"},
		men:      []string{"Kamau", "Otieno", "Baraka", "Kiprop", "Brian", "Kevin", "Juma", "Mwangi", "Omondi", "Kipchoge", "Dennis", "Ochieng"},
		last:     []string{"Kamau", "Otieno", "Mwangi", "Wanjiku", "Ochieng", "Njoroge", "Kiprono", "Mutua", "Onyango", "Kariuki", "Omondi", "Kimani", "Odhiambo", "Wafula", "Chege"},
		language: "Swahili",
	},
}

// emailParts lists the distinct email local parts of all names, and
// poolParts[region] indexes into it for each name of namePools[region], so
// that generation can count email addresses by number rather than by
// string.
var emailParts, poolParts = foldNames()

// nameParts indexes the email local parts of one pool's names.
type nameParts struct{ women, men, last []int32 }

func foldNames() ([]string, []nameParts) {
	var parts []string
	index := map[string]int32{}
	of := func(names []string) []int32 {
		out := make([]int32, len(names))
		for i, n := range names {
			l := emailLocal(n)
			k, ok := index[l]
			if !ok {
				k = int32(len(parts))
				index[l] = k
				parts = append(parts, l)
			}
			out[i] = k
		}
		return out
	}
	pools := make([]nameParts, len(namePools))
	for r, p := range namePools {
		pools[r] = nameParts{women: of(p.women), men: of(p.men), last: of(p.last)}
	}
	return parts, pools
}

// fold maps the letters of names to the ASCII letters of an email address.
var fold = strings.NewReplacer(
	"á", "a", "à", "a", "â", "a", "ã", "a", "ä", "a",
	"é", "e", "è", "e", "ê", "e", "ë", "e",
	"í", "i", "î", "i", "ï", "i",
	"ó", "o", "ô", "o", "õ", "o", "ö", "o",
	"ú", "u", "û", "u", "ü", "u",
	"ç", "c", "ñ", "n", "ß", "ss",
)

// emailLocal turns a name into the local part of an email address: lower
// case ASCII letters only, as "mei ling" and "O'Brien" become "meiling"
// and "obrien".
func emailLocal(name string) string {
	s := fold.Replace(strings.ToLower(name))
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 'a' && c <= 'z' {
			b = append(b, c)
		}
	}
	return string(b)
}
