"""The fixed material the demo data set is drawn from: people, places, products.

Phone numbers use the 555-01xx range reserved for fiction and email addresses
use example domains, so no demo record reaches a real person.
"""

from __future__ import annotations

FIRST_NAMES = (
    "Mercy", "José", "Zoë", "Renée", "Björn", "François", "Ana María", "Łukasz", "Søren", "Chloé",
    "Noémie", "Íñigo", "Jürgen", "Anaïs", "Hélène", "Mateo", "Olivia", "Liam", "Emma", "Noah",
    "Sophia", "James", "Isabella", "Lucas", "Mia", "Ethan", "Amélie", "Raúl", "Siobhán", "Dagný",
    "Marta", "Tomás", "Priya", "Kenji", "Aisha", "Chen", "Fatima", "Olga", "Mikael", "Grace",
    "Daniel", "Charlotte", "Benjamin", "Harper", "Samuel", "Evelyn", "Henry", "Abigail", "Jack",
    "Emily", "Owen", "Ava", "Leo", "Nora", "Caleb", "Hannah", "Isaac", "Lily", "Gabriel", "Ruby",
)
LAST_NAMES = (
    "Taylor", "Müller", "García", "Núñez", "O'Brien", "Åberg", "Côté", "Lefèvre", "Nguyễn",
    "Kowalski", "Østergaard", "Smith", "Johnson", "Williams", "Brown", "Jones", "Miller", "Davis",
    "Rodríguez", "Martínez", "Hernández", "López", "González", "Wilson", "Anderson", "Thomas",
    "Moore", "Jackson", "Martin", "Lee", "Pérez", "Thompson", "White", "Harris", "Sánchez", "Clark",
    "Ramírez", "Lewis", "Robinson", "Walker", "Young", "Allen", "King", "Wright", "Scott", "Torres",
    "Hill", "Flores", "Green", "Adams", "Nelson", "Baker", "Hall", "Rivera", "Campbell", "Mitchell",
    "Carter", "Roberts", "Dvořák", "Brontë", "Schäfer", "Fournier", "Gauthier", "Bélanger",
)
EMAIL_DOMAINS = ("example.com", "example.net", "example.org", "mail.example.com")

STREETS = (
    "Elm Street", "Maple Avenue", "Oak Lane", "Cedar Road", "Pine Street", "Washington Boulevard",
    "Lakeview Drive", "Sunset Boulevard", "Park Avenue", "Hillcrest Road", "Main Street",
    "River Road", "Chestnut Street", "Willow Way", "Highland Avenue", "Rue Sainte-Catherine",
    "Spring Garden Road", "Bloor Street West", "Granville Street", "Orchard Lane",
)
# (city, region, postal-code prefix, country, phone area code)
US_CITIES = (
    ("Springfield", "IL", "627", "US", "217"), ("Austin", "TX", "787", "US", "512"),
    ("Portland", "OR", "972", "US", "503"), ("Denver", "CO", "802", "US", "303"),
    ("Boston", "MA", "021", "US", "617"), ("Seattle", "WA", "981", "US", "206"),
    ("Atlanta", "GA", "303", "US", "404"), ("Madison", "WI", "537", "US", "608"),
    ("Santa Fe", "NM", "875", "US", "505"), ("Raleigh", "NC", "276", "US", "919"),
    ("Columbus", "OH", "432", "US", "614"), ("San José", "CA", "951", "US", "408"),
)
CA_CITIES = (
    ("Montréal", "QC", "H2X", "CA", "514"), ("Toronto", "ON", "M5V", "CA", "416"),
    ("Vancouver", "BC", "V6B", "CA", "604"), ("Québec", "QC", "G1R", "CA", "418"),
    ("Halifax", "NS", "B3H", "CA", "902"), ("Calgary", "AB", "T2P", "CA", "403"),
)
COMPANIES = (
    "Acme Corporation", "Globex Industries", "Initech Solutions", "Umbrella Logistics",
    "Stark Office Supply", "Wayne Enterprises", "Soylent Foods", "Hooli Systems", "Vandelay Imports",
    "Pied Piper Networks", "Massive Dynamic", "Cyberdyne Services", "Tyrell Manufacturing",
    "Wonka Confections", "Gringotts Holdings", "Blue Sun Trading", "Oceanic Airlines",
    "Monarch Consulting", "Dunder Mifflin Paper", "Bluth Company", "Sterling Cooper Advertising",
    "Kramerica Industries", "Prestige Worldwide", "Cogswell Cogs", "Spacely Sprockets",
)

# sku, name, list price, description; the catalog of an office supplier.
PRODUCTS = (
    ("CHR-100", "Ergonomic Office Chair", "449.00", "Mesh back, adjustable lumbar support and armrests"),
    ("CHR-110", "Executive Leather Chair", "689.00", "High back, top-grain leather, tilt lock"),
    ("CHR-120", "Task Chair", "149.00", "Compact swivel chair for shared desks"),
    ("CHR-130", "Drafting Stool", "229.00", "Tall stool with foot ring for standing desks"),
    ("DSK-200", "Standing Desk 60in", "799.00", "Electric sit-stand desk, dual motor, memory presets"),
    ("DSK-210", "Writing Desk", "329.00", "Solid oak writing desk with one drawer"),
    ("DSK-220", "Corner Desk", "459.00", "L-shaped desk for two monitors"),
    ("DSK-230", "Desk Converter", "279.00", "Sit-stand converter that sits on an existing desk"),
    ("MON-300", "27in 4K Monitor", "429.00", "IPS panel, USB-C power delivery, height adjustable"),
    ("MON-310", "24in Office Monitor", "189.00", "Full HD, anti-glare, VESA mount"),
    ("MON-320", "34in Ultrawide Monitor", "749.00", "Curved 3440x1440 display for spreadsheets"),
    ("MON-330", "Dual Monitor Arm", "139.00", "Gas spring arm for two screens up to 32in"),
    ("KBD-400", "Wireless Keyboard", "59.00", "Quiet keys, three-device switching"),
    ("KBD-410", "Mechanical Keyboard", "129.00", "Tactile switches, backlit, USB-C"),
    ("KBD-420", "Ergonomic Split Keyboard", "179.00", "Split layout with palm rest"),
    ("MOU-500", "Wireless Mouse", "29.00", "Silent clicks, 18-month battery"),
    ("MOU-510", "Vertical Mouse", "69.00", "Ergonomic grip that eases wrist strain"),
    ("MOU-520", "Trackball", "89.00", "Thumb-operated trackball, precision scroll ring"),
    ("HDS-600", "Noise-Canceling Headset", "199.00", "Call-center headset with boom microphone"),
    ("HDS-610", "USB Headset", "49.00", "Lightweight single-ear headset"),
    ("HDS-620", "Bluetooth Earbuds", "129.00", "Wireless earbuds with charging case"),
    ("CAM-700", "HD Webcam", "89.00", "1080p webcam with privacy shutter"),
    ("CAM-710", "Conference Camera", "899.00", "4K room camera with auto-framing"),
    ("SPK-720", "Conference Speakerphone", "249.00", "360-degree microphones for meeting rooms"),
    ("DOC-800", "USB-C Docking Station", "219.00", "Dual display, ethernet, 100 W charging"),
    ("CAB-810", "USB-C Cable 2m", "19.00", "Braided cable, 100 W, 10 Gbps"),
    ("CAB-820", "HDMI Cable 3m", "15.00", "High speed HDMI 2.1 cable"),
    ("CAB-830", "Ethernet Cable 5m", "12.00", "Cat 6 patch cable"),
    ("PWR-840", "Surge Protector", "39.00", "Eight outlets, two USB ports"),
    ("PWR-850", "Laptop Charger 100W", "79.00", "GaN charger with three ports"),
    ("LAP-900", "Business Laptop 14in", "1299.00", "16 GB memory, 512 GB SSD, three-year warranty"),
    ("LAP-910", "Business Laptop 16in", "1649.00", "32 GB memory, 1 TB SSD, dedicated graphics"),
    ("LAP-920", "Laptop Stand", "49.00", "Aluminium stand that raises the screen to eye level"),
    ("LAP-930", "Laptop Sleeve", "35.00", "Padded sleeve for 14in laptops"),
    ("TAB-940", "Tablet 11in", "549.00", "Tablet with stylus support"),
    ("TAB-950", "Tablet Stylus", "99.00", "Pressure-sensitive stylus"),
    ("PRN-960", "Laser Printer", "329.00", "Duplex monochrome laser printer, 40 pages a minute"),
    ("PRN-970", "Color Inkjet Printer", "179.00", "All-in-one printer, scanner and copier"),
    ("PRN-980", "Toner Cartridge", "89.00", "Black toner for the laser printer, 6,000 pages"),
    ("PRN-990", "Ink Cartridge Set", "59.00", "Cyan, magenta, yellow and black ink"),
    ("PAP-010", "Copy Paper (Case)", "49.00", "Ten reams of letter paper, 5,000 sheets"),
    ("PAP-020", "Premium Notebook", "14.00", "Dotted notebook, lay-flat binding"),
    ("PAP-030", "Sticky Notes (24 Pack)", "18.00", "Assorted colours"),
    ("PAP-040", "Presentation Folders", "22.00", "Box of 50 glossy folders"),
    ("PEN-050", "Gel Pens (12 Pack)", "16.00", "Quick-drying black ink"),
    ("PEN-060", "Fountain Pen", "79.00", "Steel nib fountain pen in a gift box"),
    ("PEN-070", "Whiteboard Markers", "12.00", "Low-odour markers, eight colours"),
    ("BRD-080", "Whiteboard 6ft", "219.00", "Magnetic porcelain whiteboard"),
    ("BRD-090", "Cork Board", "45.00", "Framed cork board, 36 by 24 inches"),
    ("STO-110", "Filing Cabinet", "289.00", "Three-drawer lockable steel cabinet"),
    ("STO-120", "Bookshelf", "199.00", "Five-shelf bookcase in walnut finish"),
    ("STO-130", "Desk Organizer", "29.00", "Bamboo organizer with phone slot"),
    ("LGT-140", "LED Desk Lamp", "69.00", "Dimmable lamp with colour temperature control"),
    ("LGT-150", "Floor Lamp", "119.00", "Arc floor lamp with linen shade"),
    ("ACC-160", "Footrest", "45.00", "Adjustable footrest with massage surface"),
    ("ACC-170", "Anti-Fatigue Mat", "59.00", "Cushioned mat for standing desks"),
    ("ACC-180", "Monitor Privacy Filter", "65.00", "Privacy screen for 24in monitors"),
    ("ACC-190", "Cable Management Kit", "25.00", "Sleeves, clips and ties"),
    ("SHR-200", "Paper Shredder", "159.00", "Cross-cut shredder, 12 sheets"),
    ("COF-210", "Office Coffee Machine", "599.00", "Bean-to-cup machine for twenty people a day"),
)
# Products that are short of stock: a few on hand, a restock date (or none) for the rest.
SCARCE = {"CAM-710": 6, "LAP-910": 4, "COF-210": 3, "DSK-200": 10, "MON-320": 5}
NO_RESTOCK_DATE = "COF-210"
# Sold in the past, no longer offered once the demo orders are in.
RETIRED = "TAB-940"

BUNDLES = (
    ("KIT-HOME", "Home Office Starter Kit", {"CHR-120": 1, "MON-310": 1, "KBD-400": 1, "MOU-500": 1}),
    ("KIT-CALL", "Call Center Agent Kit", {"HDS-600": 1, "KBD-400": 1, "MOU-500": 1}),
    ("KIT-DOCK", "Docking Kit", {"DOC-800": 1, "CAB-810": 2, "CAB-820": 1}),
    ("KIT-ERGO", "Ergonomics Bundle", {"MOU-510": 1, "KBD-420": 1, "ACC-160": 1, "LAP-920": 1}),
    ("KIT-MEET", "Meeting Room Kit", {"CAM-700": 1, "SPK-720": 1, "CAB-820": 2}),
    ("KIT-PRINT", "Printer Starter Pack", {"PRN-960": 1, "PRN-980": 2, "PAP-010": 1}),
)
ASSOCIATIONS = (
    ("MON-300", "MON-330", "accessory"), ("MON-300", "CAB-820", "accessory"),
    ("MON-310", "MON-300", "up_sell"), ("MON-300", "MON-320", "up_sell"),
    ("LAP-900", "LAP-910", "up_sell"), ("LAP-900", "DOC-800", "accessory"),
    ("LAP-900", "LAP-930", "accessory"), ("LAP-900", "PWR-850", "accessory"),
    ("DSK-200", "ACC-170", "accessory"), ("DSK-200", "MON-330", "cross_sell"),
    ("DSK-230", "DSK-200", "up_sell"), ("CHR-120", "CHR-100", "up_sell"),
    ("CHR-100", "ACC-160", "cross_sell"), ("KBD-400", "MOU-500", "cross_sell"),
    ("KBD-400", "KBD-410", "up_sell"), ("MOU-500", "MOU-510", "up_sell"),
    ("HDS-610", "HDS-600", "up_sell"), ("PRN-960", "PRN-980", "accessory"),
    ("PRN-970", "PRN-990", "accessory"), ("PRN-960", "PAP-010", "cross_sell"),
    ("TAB-940", "TAB-950", "accessory"), ("TAB-940", "LAP-900", "replacement"),
    ("CAM-700", "CAM-710", "up_sell"), ("DOC-800", "CAB-810", "accessory"),
    ("BRD-080", "PEN-070", "accessory"), ("LGT-140", "LGT-150", "cross_sell"),
)

HOLD_REASONS = (
    "Customer asked to wait for a second delivery address",
    "Waiting for a purchase order number",
    "Customer traveling; ship after the 15th",
    "Confirming the installation date with the customer",
)
NOTES = (
    "Customer called to confirm the delivery window.",
    "Leave the parcel with the building reception.",
    "Customer prefers contact by email.",
    "Gift order: no prices on the packing slip.",
    "Asked about volume pricing for next quarter.",
    "Customer will call back with the PO number.",
    "Delivery needs a lift gate.",
    "Ça marche : le client confirme l'adresse de livraison.",
)
CANCEL_REASONS = (
    "Customer changed their mind",
    "Found a better price elsewhere",
    "Duplicate order",
    "Delivery date too late for the customer",
)
