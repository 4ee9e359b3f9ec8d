"""Name, street and product vocabularies for generated data (accents included on purpose)."""

FIRST_NAMES = (
    "Mercy", "Taylor", "José", "Zoë", "Renée", "Chloé", "François", "Björn", "Søren", "Ana",
    "Liam", "Olivia", "Noah", "Emma", "Mateo", "Sofía", "Lucía", "Hugo", "Léa", "Inès",
    "Jürgen", "Małgorzata", "Ümit", "Ángel", "Joël", "Anaïs", "Raúl", "Núria", "Håkon", "Åsa",
    "James", "Mary", "Robert", "Patricia", "John", "Jennifer", "Michael", "Linda", "David",
    "Elizabeth", "William", "Barbara", "Richard", "Susan", "Joseph", "Jessica", "Thomas", "Sarah",
    "Charles", "Karen", "Christopher", "Nancy", "Daniel", "Lisa", "Matthew", "Betty", "Anthony",
    "Margaret", "Mark", "Sandra", "Donald", "Ashley", "Steven", "Kimberly", "Paul", "Emily",
    "Andrew", "Donna", "Joshua", "Michelle", "Kenneth", "Carol", "Kevin", "Amanda", "Brian",
    "Dorothy", "George", "Melissa", "Timothy", "Deborah", "Ronald", "Stephanie", "Edward",
    "Rebecca", "Jason", "Sharon", "Jeffrey", "Laura", "Ryan", "Cynthia", "Jacob", "Kathleen",
    "Gary", "Amy", "Nicholas", "Angela", "Eric", "Shirley", "Jonathan", "Anna", "Stephen",
    "Brenda", "Larry", "Pamela", "Justin", "Emma", "Scott", "Nicole", "Brandon", "Helen",
    "Benjamin", "Samantha", "Samuel", "Katherine", "Gregory", "Christine", "Alexander", "Debra",
    "Frank", "Rachel", "Patrick", "Carolyn", "Raymond", "Janet", "Jack", "Catherine", "Dennis",
    "Maria", "Jerry", "Heather", "Tyler", "Diane", "Aaron", "Ruth", "Jose", "Julie", "Adam",
    "Olga", "Nathan", "Joyce", "Henry", "Virginia", "Zachary", "Victoria", "Douglas", "Kelly",
)

LAST_NAMES = (
    "Taylor", "Hayes", "Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller",
    "Davis", "Rodriguez", "Martinez", "Hernandez", "Lopez", "Gonzalez", "Wilson", "Anderson",
    "Thomas", "Moore", "Jackson", "Martin", "Lee", "Perez", "Thompson", "White", "Harris",
    "Sanchez", "Clark", "Ramirez", "Lewis", "Robinson", "Walker", "Young", "Allen", "King",
    "Wright", "Scott", "Torres", "Nguyen", "Hill", "Flores", "Green", "Adams", "Nelson", "Baker",
    "Hall", "Rivera", "Campbell", "Mitchell", "Carter", "Roberts", "Gómez", "Phillips", "Evans",
    "Turner", "Díaz", "Parker", "Cruz", "Edwards", "Collins", "Reyes", "Stewart", "Morris",
    "Morales", "Murphy", "Cook", "Rogers", "Gutiérrez", "Ortiz", "Morgan", "Cooper", "Peterson",
    "Bailey", "Reed", "Kelly", "Howard", "Ramos", "Kim", "Cox", "Ward", "Richardson", "Watson",
    "Brooks", "Chávez", "Wood", "James", "Bennett", "Gray", "Mendoza", "Ruiz", "Hughes", "Price",
    "Alvarez", "Castillo", "Sanders", "Patel", "Myers", "Long", "Ross", "Foster", "Jiménez",
    "Müller", "Schäfer", "Lefèvre", "Dupré", "Østergaard", "Åberg", "Nuñez", "Peña", "Söderström",
    "Brontë", "Citroën", "Łukasiewicz", "Dvořák", "Zoltán", "Bérubé", "Côté", "Gagné", "Lévesque",
    "Okafor", "Mensah", "Yamamoto", "Tanaka", "Suzuki", "Nakamura", "Kowalski", "Nowak",
    "Ivanova", "Petrov", "Rossi", "Russo", "Ferrari", "Esposito", "Bianchi", "Romano", "Colombo",
    "O'Brien", "McCarthy", "Fitzgerald", "Van der Berg", "De la Cruz", "Haddad", "Khalil",
)

COMPANIES = (
    "Acme Corp", "Globex", "Initech", "Umbrella Supply", "Stark Industries", "Wayne Enterprises",
    "Hooli", "Vandelay Industries", "Soylent", "Cyberdyne", "Tyrell", "Wonka Industries",
)

STREETS = ("Elm Street", "Oak Avenue", "Maple Drive", "Cedar Lane", "Pine Road", "Main Street",
           "Rue de la Paix", "Calle Mayor", "Bahnhofstraße", "Sunset Boulevard")
CITIES = (("Springfield", "IL", "62701"), ("Portland", "OR", "97201"), ("Austin", "TX", "73301"),
          ("Denver", "CO", "80201"), ("Boston", "MA", "02101"), ("Miami", "FL", "33101"),
          ("Seattle", "WA", "98101"), ("Chicago", "IL", "60601"))

PRODUCT_WORDS = ("Widget", "Gadget", "Cable", "Adapter", "Charger", "Lamp", "Kettle", "Blender",
                 "Headphones", "Speaker", "Mouse", "Keyboard", "Monitor", "Router", "Camera")
PRODUCT_ADJECTIVES = ("Blue", "Red", "Compact", "Deluxe", "Pro", "Mini", "Smart", "Classic",
                      "Wireless", "Portable", "Silver", "Eco")
ORDER_NAMES = ("", "", "", "", "Birthday gift", "Office restock", "Holiday order", "Café supplies",
               "Back to school", "Replacement parts", "Wedding list", "Spring promotion")
