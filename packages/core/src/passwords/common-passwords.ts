// The most common passwords from public breach corpora (lowercased), refused whatever the account's
// policy says, as NIST SP 800-63B 5.1.1.2 asks of a verifier ("values known to be commonly-used").
// Small on purpose: it stops the first guesses of every spraying tool; a breached-password service
// would be the next step. Entries shorter than the service's 8-character floor are left out: the
// floor already refuses them.
const LIST = `
password 12345678 123456789 1234567890 12345678910 qwertyuiop 1q2w3e4r 1q2w3e4r5t 1qaz2wsx qwerty123
password1 password12 password123 password1234 passw0rd p@ssw0rd p@ssword pa$$word iloveyou1 iloveyou
sunshine princess football baseball welcome1 welcome123 welcome! abc12345 abcd1234 abcdefgh
qwertyui asdfghjk zxcvbnm1 zxcvbnm123 asdfasdf qazwsxedc 1qazxsw2 q1w2e3r4 q1w2e3r4t5 a1b2c3d4
11111111 00000000 88888888 87654321 12341234 11223344 12121212 123123123 123321123 147258369
159753456 789456123 987654321 qwerty12 qwerty1234 monkey123 dragon123 master123 shadow123 letmein1
letmein123 trustno1 superman batman123 starwars computer internet whatever michelle jennifer
jordan23 charlie1 football1 baseball1 liverpool chelsea1 arsenal1 manchester pokemon1 minecraft
fortnite1 roblox123 freedom1 mustang1 harley123 corvette ferrari1 mercedes changeme changeme1
changeme123 administrator admin123 admin1234 adminadmin root1234 rootroot toor1234 test1234 testtest
test12345 guest123 default1 secret123 mypassword password! password01 password2 password3 passwort
motdepasse contrasena senha123 1234qwer qwer1234 asdf1234 zaq12wsx !qaz2wsx zaq1xsw2 1qaz@wsx
spiderman ironman1 avengers batman12 hello123 hellohello welcome2 summer2024 summer2025 winter2024
winter2025 spring2025 autumn2025 january1 september october1 november december christmas hunter12
hunter123 killer123 loveyou1 lovelove babygirl1 princess1 sweetheart butterfly flower123 chocolate
cookie123 banana123 pepper123 ginger123 orange123 purple123 yellow123 buster123 tigger123 snoopy123
maggie123 bailey123 charlie123 sophie123 daniel123 michael1 michael123 jessica1 ashley123 nicole123
matthew1 andrew123 joshua123 thomas123 robert123 amanda123 samantha1 superstar rockstar1 blink182
linkin123 metallica nirvana1 aaaaaaaa abcabcabc qwertyqwerty 1111111111 0987654321 9876543210
google123 facebook1 linkedin1 amazon123 apple123 microsoft windows10 samsung1 iphone123 cloudflare
`;

export const COMMON_PASSWORDS: ReadonlySet<string> = new Set(LIST.split(/\s+/).filter(Boolean));
