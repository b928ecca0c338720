"""Where demo people live: regions, cities with their time zones and languages, and local names."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class City:
    """A city, its IANA time zone, the languages people there grow up with, and its local spelling."""

    name: str
    timezone: str
    languages: tuple[str, ...]
    local_name: str = ""


@dataclass(frozen=True)
class Locale:
    """A community: its region, cities, second languages and the names people there carry."""

    region: str
    weight: int
    cities: tuple[City, ...]
    second_languages: tuple[tuple[str, float], ...]
    women: tuple[str, ...]
    men: tuple[str, ...]
    surnames: tuple[str, ...]
    family_first: bool = False


def _names(text: str) -> tuple[str, ...]:
    """Split a comma-separated list of names."""
    return tuple(name.strip() for name in text.split(",") if name.strip())


# fmt: off
LOCALES: tuple[Locale, ...] = (
    Locale("Latin America", 12, (
        City("Mexico City", "America/Mexico_City", ("es",), "Ciudad de México"),
        City("Guadalajara", "America/Mexico_City", ("es",)), City("Bogotá", "America/Bogota", ("es",)),
        City("Medellín", "America/Bogota", ("es",)), City("Lima", "America/Lima", ("es", "es", "qu")),
        City("Quito", "America/Guayaquil", ("es",)), City("Santiago", "America/Santiago", ("es",)),
        City("Montevideo", "America/Montevideo", ("es",)), City("La Paz", "America/La_Paz", ("es", "ay")),
        City("Buenos Aires", "America/Argentina/Buenos_Aires", ("es",)),
    ), (("es", 1.0), ("en", 0.45), ("pt", 0.1)),
        _names("Camila, Valentina, Sofía, Lucía, Daniela, Gabriela, Ximena, Fernanda, Paula, Mariana, "
               "Carolina, Andrea, Natalia, Renata, Josefina, María José"),
        _names("Mateo, Santiago, Sebastián, Diego, Alejandro, Andrés, Javier, Tomás, Joaquín, Nicolás, "
               "Rodrigo, Luis, Felipe, Emiliano, Julián"),
        _names("González, Rodríguez, Hernández, López, Martínez, Ramírez, Flores, Castillo, Vargas, Rojas, "
               "Mendoza, Gutiérrez, Morales, Herrera, Salazar, Cárdenas, Villalobos, Pérez")),
    Locale("Latin America", 8, (
        City("São Paulo", "America/Sao_Paulo", ("pt",)),
        City("Belo Horizonte", "America/Sao_Paulo", ("pt",)),
        City("Porto Alegre", "America/Sao_Paulo", ("pt",)), City("Curitiba", "America/Sao_Paulo", ("pt",)),
        City("Recife", "America/Recife", ("pt",)), City("Fortaleza", "America/Fortaleza", ("pt",)),
        City("Salvador", "America/Bahia", ("pt",)), City("Manaus", "America/Manaus", ("pt",)),
    ), (("en", 0.45), ("es", 0.25)),
        _names("Ana Clara, Beatriz, Juliana, Larissa, Mariana, Fernanda, Camila, Letícia, Gabriela, Aline, "
               "Tainá"),
        _names("Thiago, Rafael, Lucas, Gabriel, João Pedro, Felipe, Caio, Matheus, Bruno, Vinícius, Leandro"),
        _names("Silva, Santos, Oliveira, Souza, Pereira, Costa, Carvalho, Almeida, Ribeiro, Nascimento, "
               "Barbosa, Araújo, Ferreira, Lima, Moura")),
    Locale("Europe", 2, (
        City("Lisbon", "Europe/Lisbon", ("pt",), "Lisboa"), City("Coimbra", "Europe/Lisbon", ("pt",)),
        City("Braga", "Europe/Lisbon", ("pt",)),
    ), (("en", 0.7), ("es", 0.3), ("fr", 0.2)),
        _names("Inês, Mariana, Catarina, Joana, Beatriz, Rita"),
        _names("João, Tiago, Duarte, Miguel, Rui, Nuno"),
        _names("Ferreira, Marques, Rodrigues, Gonçalves, Sousa, Lopes, Teixeira")),
    Locale("Southern Africa", 1, (
        City("Maputo", "Africa/Maputo", ("pt", "pt", "ts")), City("Luanda", "Africa/Luanda", ("pt",)),
    ), (("pt", 1.0), ("en", 0.5)),
        _names("Nádia, Graça, Esperança, Celeste"), _names("Nelson, Edson, Domingos, Albino"),
        _names("Macuácua, Mondlane, Cossa, Sitoe, Neto")),
    Locale("Southern Africa", 1, (
        City("Johannesburg", "Africa/Johannesburg", ("zu", "st", "en")),
        City("Cape Town", "Africa/Johannesburg", ("xh", "af", "en")),
        City("Durban", "Africa/Johannesburg", ("zu",)),
    ), (("en", 1.0),),
        _names("Lerato, Thandiwe, Naledi, Zanele"), _names("Sipho, Thabo, Lwazi, Mandla"),
        _names("Dlamini, Nkosi, Mokoena, Ndlovu, Khumalo")),
    Locale("West Africa", 4, (
        City("Accra", "Africa/Accra", ("tw", "ee", "en")), City("Kumasi", "Africa/Accra", ("tw",)),
        City("Tamale", "Africa/Accra", ("en", "ha")), City("Cape Coast", "Africa/Accra", ("tw",)),
    ), (("en", 1.0),),
        _names("Ama, Akosua, Abena, Efua, Esi, Adwoa, Afia, Akua, Dzifa"),
        _names("Kwame, Kofi, Yaw, Kwabena, Kwesi, Kojo, Selasi, Nii, Fiifi"),
        _names("Mensah, Owusu, Boateng, Asante, Appiah, Osei, Adjei, Agyemang, Amoah, Darko")),
    Locale("West Africa", 6, (
        City("Lagos", "Africa/Lagos", ("yo", "en")), City("Ibadan", "Africa/Lagos", ("yo",)),
        City("Abuja", "Africa/Lagos", ("ha", "en", "ig")), City("Enugu", "Africa/Lagos", ("ig",)),
        City("Kano", "Africa/Lagos", ("ha",)), City("Port Harcourt", "Africa/Lagos", ("ig", "en")),
    ), (("en", 1.0),),
        _names("Ngozi, Adaeze, Funmilayo, Yetunde, Chiamaka, Aisha, Oluwaseun, Zainab, Ifeoma, Temitope"),
        _names("Chinedu, Tunde, Emeka, Ibrahim, Olumide, Obinna, Musa, Segun, Ikenna, Babatunde"),
        _names("Okafor, Adeyemi, Okonkwo, Balogun, Eze, Bello, Abubakar, Olatunji, Nwosu, Adebayo, Yusuf")),
    Locale("West Africa", 6, (
        City("Dakar", "Africa/Dakar", ("wo", "fr")), City("Abidjan", "Africa/Abidjan", ("fr",)),
        City("Bamako", "Africa/Bamako", ("bm", "fr")), City("Cotonou", "Africa/Porto-Novo", ("fr", "yo")),
        City("Lomé", "Africa/Lome", ("ee", "fr")), City("Ouagadougou", "Africa/Ouagadougou", ("fr",)),
    ), (("fr", 1.0), ("en", 0.35)),
        _names("Aminata, Fatou, Awa, Aïssatou, Mariam, Adjoa, Rokia, Khady, Ndeye"),
        _names("Moussa, Mamadou, Ousmane, Koffi, Cheikh, Abdoulaye, Issa, Serge, Lamine"),
        _names("Diallo, Ndiaye, Traoré, Diop, Sow, Kouassi, Konaté, Coulibaly, Faye, Sylla, Agbodjan")),
    Locale("East Africa", 4, (
        City("Nairobi", "Africa/Nairobi", ("sw", "en")), City("Kisumu", "Africa/Nairobi", ("sw",)),
        City("Mombasa", "Africa/Nairobi", ("sw",)), City("Dar es Salaam", "Africa/Dar_es_Salaam", ("sw",)),
        City("Arusha", "Africa/Dar_es_Salaam", ("sw",)),
    ), (("en", 1.0), ("sw", 0.6)),
        _names("Wanjiru, Achieng, Njeri, Amina, Zawadi, Neema, Halima, Akinyi, Chebet"),
        _names("Otieno, Kamau, Mwangi, Baraka, Juma, Kiprono, Salim, Brian, Omondi"),
        _names("Odhiambo, Wambui, Mutua, Mwakilema, Kariuki, Massawe, Njoroge, Kimaro")),
    Locale("East Africa", 2, (
        City("Kampala", "Africa/Kampala", ("lg", "en")), City("Gulu", "Africa/Kampala", ("en",)),
        City("Kigali", "Africa/Kigali", ("rw",)), City("Huye", "Africa/Kigali", ("rw",)),
    ), (("en", 1.0), ("sw", 0.3), ("fr", 0.2)),
        _names("Nakato, Uwase, Grace, Namubiru, Ingabire"),
        _names("Okello, Mugisha, Patrick, Ssali, Niyonzima"),
        _names("Nsubuga, Ssempala, Habimana, Uwimana, Mukasa, Nkurunziza")),
    Locale("East Africa", 1, (
        City("Addis Ababa", "Africa/Addis_Ababa", ("am",)),
    ), (("en", 1.0),),
        _names("Tigist, Selam, Hiwot, Meron"), _names("Dawit, Bereket, Yonas, Henok"),
        _names("Tesfaye, Bekele, Haile, Girma, Alemu")),
    Locale("South Asia", 5, (
        City("Delhi", "Asia/Kolkata", ("hi",)), City("Lucknow", "Asia/Kolkata", ("hi", "ur")),
        City("Jaipur", "Asia/Kolkata", ("hi",)), City("Pune", "Asia/Kolkata", ("mr",)),
        City("Mumbai", "Asia/Kolkata", ("mr", "hi", "gu")),
        City("Chandigarh", "Asia/Kolkata", ("pa", "hi")),
    ), (("en", 1.0), ("hi", 0.7)),
        _names("Priya, Ananya, Shreya, Aditi, Neha, Pooja, Ishita, Sneha, Ritu, Kavita"),
        _names("Rohan, Arjun, Vikram, Siddharth, Rahul, Aman, Nikhil, Gaurav, Sandeep"),
        _names("Sharma, Gupta, Patel, Singh, Kulkarni, Deshpande, Joshi, Verma, Mishra, Chauhan")),
    Locale("South Asia", 4, (
        City("Chennai", "Asia/Kolkata", ("ta",)), City("Bengaluru", "Asia/Kolkata", ("kn", "ta", "te")),
        City("Hyderabad", "Asia/Kolkata", ("te", "ur")), City("Kochi", "Asia/Kolkata", ("ml",)),
    ), (("en", 1.0), ("hi", 0.3)),
        _names("Lakshmi, Meenakshi, Divya, Kavya, Anjali, Revathi, Sowmya"),
        _names("Karthik, Suresh, Ravi, Arun, Pranav, Vignesh, Sreejith"),
        _names("Iyer, Nair, Reddy, Subramanian, Menon, Rao, Krishnan, Pillai")),
    Locale("South Asia", 2, (
        City("Kolkata", "Asia/Kolkata", ("bn",)), City("Bhubaneswar", "Asia/Kolkata", ("or",)),
    ), (("en", 1.0), ("hi", 0.4)),
        _names("Riya, Moumita, Ipsita, Sayani"), _names("Sourav, Debashis, Abhijit, Subhash"),
        _names("Mukherjee, Banerjee, Das, Mohanty, Ghosh, Sen")),
    Locale("South Asia", 2, (
        City("Dhaka", "Asia/Dhaka", ("bn",)), City("Chittagong", "Asia/Dhaka", ("bn",)),
    ), (("en", 1.0),),
        _names("Tahmina, Nusrat, Sanjida, Farzana"), _names("Farhan, Arif, Tanvir, Rakib"),
        _names("Rahman, Hossain, Akter, Chowdhury, Islam")),
    Locale("South Asia", 2, (
        City("Kathmandu", "Asia/Kathmandu", ("ne",)), City("Pokhara", "Asia/Kathmandu", ("ne",)),
    ), (("en", 1.0), ("hi", 0.4)),
        _names("Pratibha, Sushma, Nirmala, Sabina"), _names("Sagar, Bikash, Prakash, Rajan"),
        _names("Shrestha, Gurung, Thapa, Karki, Adhikari")),
    Locale("South Asia", 1, (
        City("Lahore", "Asia/Karachi", ("pa", "ur")), City("Karachi", "Asia/Karachi", ("ur",)),
    ), (("en", 1.0),),
        _names("Ayesha, Sana, Hira"), _names("Usman, Bilal, Hamza"), _names("Khan, Malik, Qureshi")),
    Locale("South Asia", 1, (
        City("Colombo", "Asia/Colombo", ("si", "si", "ta")), City("Kandy", "Asia/Colombo", ("si",)),
    ), (("en", 1.0),),
        _names("Dilini, Nadeesha, Chathurika"), _names("Nuwan, Tharindu, Kasun"),
        _names("Perera, Fernando, Jayasinghe, Wickramasinghe")),
    Locale("Europe", 6, (
        City("Berlin", "Europe/Berlin", ("de",)), City("Hamburg", "Europe/Berlin", ("de",)),
        City("Munich", "Europe/Berlin", ("de",), "München"),
        City("Cologne", "Europe/Berlin", ("de",), "Köln"), City("Leipzig", "Europe/Berlin", ("de",)),
        City("Vienna", "Europe/Vienna", ("de",), "Wien"),
        City("Zurich", "Europe/Zurich", ("de",), "Zürich"),
    ), (("en", 0.8), ("fr", 0.2)),
        _names("Anna, Lena, Julia, Katharina, Miriam, Sabine, Johanna, Franziska, Leonie"),
        _names("Jonas, Lukas, Felix, Tobias, Matthias, Stefan, Florian, Jan, Moritz"),
        _names("Müller, Schmidt, Schneider, Fischer, Weber, Wagner, Becker, Hoffmann, Huber, Keller")),
    Locale("Europe", 4, (
        City("Paris", "Europe/Paris", ("fr",)), City("Lyon", "Europe/Paris", ("fr",)),
        City("Toulouse", "Europe/Paris", ("fr",)), City("Strasbourg", "Europe/Paris", ("fr",)),
        City("Brussels", "Europe/Brussels", ("fr",), "Bruxelles"),
        City("Geneva", "Europe/Zurich", ("fr",), "Genève"),
    ), (("en", 0.75), ("es", 0.2)),
        _names("Camille, Léa, Chloé, Manon, Élodie, Sophie, Claire, Inès"),
        _names("Julien, Antoine, Mathieu, Nicolas, Thomas, Hugo, Karim, Olivier"),
        _names("Martin, Bernard, Dubois, Lefèvre, Moreau, Laurent, Girard, Rousseau, Benali")),
    Locale("Europe", 4, (
        City("Madrid", "Europe/Madrid", ("es",)), City("Barcelona", "Europe/Madrid", ("ca", "es")),
        City("Seville", "Europe/Madrid", ("es",), "Sevilla"),
        City("Valencia", "Europe/Madrid", ("es", "ca")), City("Bilbao", "Europe/Madrid", ("es", "eu")),
        City("Santiago de Compostela", "Europe/Madrid", ("gl", "es")),
    ), (("es", 1.0), ("en", 0.6)),
        _names("Marta, Laura, Elena, Nuria, Irene, Ainhoa, Montse, Carmen"),
        _names("Pablo, Álvaro, Jordi, Iñaki, Sergio, Xabier, Manuel, David"),
        _names("García, Fernández, Sánchez, Ruiz, Puig, Etxeberria, Castro, Navarro, Iglesias")),
    Locale("Europe", 1, (
        City("Rome", "Europe/Rome", ("it",)), City("Milan", "Europe/Rome", ("it",)),
    ), (("en", 1.0),),
        _names("Giulia, Chiara, Francesca"), _names("Marco, Davide, Lorenzo"),
        _names("Rossi, Bianchi, Esposito, Ricci")),
    Locale("Europe", 1, (
        City("Warsaw", "Europe/Warsaw", ("pl",)), City("Kraków", "Europe/Warsaw", ("pl",)),
    ), (("en", 1.0), ("de", 0.3)),
        _names("Agnieszka, Katarzyna, Zofia"), _names("Piotr, Tomasz, Jakub"),
        _names("Kowalczyk, Nowak, Wójcik, Mazur, Kaczmarek")),
    Locale("Europe", 1, (
        City("Kyiv", "Europe/Kyiv", ("uk",)), City("Lviv", "Europe/Kyiv", ("uk",)),
    ), (("en", 1.0), ("pl", 0.2)),
        _names("Olena, Iryna, Oksana"), _names("Andriy, Taras, Dmytro"),
        _names("Shevchenko, Kovalenko, Bondarenko, Melnyk")),
    Locale("Europe", 2, (
        City("London", "Europe/London", ("en",)), City("Manchester", "Europe/London", ("en",)),
        City("Dublin", "Europe/Dublin", ("en", "en", "ga")), City("Cardiff", "Europe/London", ("en", "cy")),
    ), (("en", 1.0), ("fr", 0.2), ("de", 0.15)),
        _names("Emma, Siobhan, Rhiannon, Harriet, Priya, Aoife"),
        _names("James, Ciarán, Owen, Oliver, Tom, Rhys"),
        _names("Smith, Murphy, Jones, Taylor, O'Brien, Evans, Byrne")),
    Locale("Europe", 1, (
        City("Amsterdam", "Europe/Amsterdam", ("nl",)), City("Utrecht", "Europe/Amsterdam", ("nl",)),
    ), (("en", 1.0), ("de", 0.4)),
        _names("Sanne, Femke, Lotte"), _names("Daan, Bram, Sven"),
        _names("de Vries, Jansen, Bakker, Visser")),
    Locale("Europe", 1, (
        City("Stockholm", "Europe/Stockholm", ("sv",)), City("Gothenburg", "Europe/Stockholm", ("sv",)),
    ), (("en", 1.0), ("de", 0.2)),
        _names("Astrid, Elin, Ingrid"), _names("Erik, Johan, Anders"),
        _names("Lindqvist, Andersson, Berg, Nilsson")),
    Locale("Middle East and North Africa", 3, (
        City("Tunis", "Africa/Tunis", ("ar",)), City("Algiers", "Africa/Algiers", ("ar",), "Alger"),
        City("Casablanca", "Africa/Casablanca", ("ar",)), City("Rabat", "Africa/Casablanca", ("ar",)),
    ), (("fr", 1.0), ("en", 0.5)),
        _names("Amal, Yasmine, Salma, Imane, Nour, Meriem"),
        _names("Youssef, Karim, Mehdi, Anis, Hamza, Walid"),
        _names("Benali, Bouzid, Haddad, Trabelsi, El Amrani, Mansouri, Cherif")),
    Locale("Middle East and North Africa", 5, (
        City("Cairo", "Africa/Cairo", ("ar",)), City("Alexandria", "Africa/Cairo", ("ar",)),
        City("Amman", "Asia/Amman", ("ar",)), City("Beirut", "Asia/Beirut", ("ar",)),
        City("Baghdad", "Asia/Baghdad", ("ar",)), City("Erbil", "Asia/Baghdad", ("ku", "ar")),
        City("Ramallah", "Asia/Hebron", ("ar",)), City("Riyadh", "Asia/Riyadh", ("ar",)),
    ), (("ar", 1.0), ("en", 1.0), ("fr", 0.15)),
        _names("Layla, Mariam, Fatima, Hana, Rania, Dina, Reem, Nada, Lina"),
        _names("Ahmed, Mohamed, Omar, Khaled, Hassan, Rami, Tarek, Mahmoud, Ali"),
        _names("El-Sayed, Khoury, Mansour, Nasser, Saleh, Abdallah, Hamdan, Othman, Al-Harbi, Aziz")),
    Locale("Middle East and North Africa", 1, (
        City("Tehran", "Asia/Tehran", ("fa",)), City("Isfahan", "Asia/Tehran", ("fa",)),
    ), (("en", 1.0),),
        _names("Sara, Maryam, Niloufar"), _names("Reza, Amir, Arash"), _names("Ahmadi, Karimi, Hosseini")),
    Locale("Middle East and North Africa", 1, (
        City("Istanbul", "Europe/Istanbul", ("tr",)), City("Ankara", "Europe/Istanbul", ("tr",)),
    ), (("en", 1.0), ("de", 0.2)),
        _names("Elif, Zeynep, Ayşe"), _names("Mehmet, Emre, Can"), _names("Yılmaz, Kaya, Demir, Şahin")),
    Locale("East Asia", 2, (
        City("Tokyo", "Asia/Tokyo", ("ja",)), City("Osaka", "Asia/Tokyo", ("ja",)),
        City("Sapporo", "Asia/Tokyo", ("ja",)),
    ), (("en", 1.0),),
        _names("Yuki, Aiko, Sakura, Haruka"), _names("Haruto, Kenji, Takumi, Daisuke"),
        _names("Tanaka, Suzuki, Watanabe, Sato, Ito")),
    Locale("East Asia", 2, (
        City("Seoul", "Asia/Seoul", ("ko",)), City("Busan", "Asia/Seoul", ("ko",)),
    ), (("en", 1.0),),
        _names("Ji-woo, Seo-yeon, Min-seo, Ha-eun"), _names("Min-jun, Hyun-woo, Ji-hoon, Seung-ho"),
        _names("Kim, Park, Lee, Choi, Jung")),
    Locale("East Asia", 1, (
        City("Taipei", "Asia/Taipei", ("zh",)), City("Tainan", "Asia/Taipei", ("zh",)),
    ), (("en", 1.0),),
        _names("Yi-hsuan, Hsin-yi, Pei-shan"), _names("Wei-ting, Chia-hao, Yu-cheng"),
        _names("Chen, Lin, Huang, Chang")),
    Locale("Southeast Asia", 4, (
        City("Jakarta", "Asia/Jakarta", ("id",)), City("Yogyakarta", "Asia/Jakarta", ("id", "jv")),
        City("Bandung", "Asia/Jakarta", ("id", "su")), City("Surabaya", "Asia/Jakarta", ("id", "jv")),
    ), (("en", 1.0),),
        _names("Siti, Dewi, Putri, Rina, Ayu"), _names("Budi, Rizky, Agus, Dimas, Fajar"),
        _names("Rahmawati, Santoso, Pratama, Setiawan, Wibowo, Lestari")),
    Locale("Southeast Asia", 3, (
        City("Manila", "Asia/Manila", ("tl",)), City("Cebu", "Asia/Manila", ("tl",)),
        City("Davao", "Asia/Manila", ("tl",)),
    ), (("en", 1.0),),
        _names("Angelica, Kristine, Maricel, Joanna"), _names("Joshua, Mark, Paolo, Carlo"),
        _names("Reyes, Cruz, Villanueva, Dela Cruz, Bautista, Mendoza")),
    Locale("Southeast Asia", 1, (
        City("Kuala Lumpur", "Asia/Kuala_Lumpur", ("ms",)), City("Penang", "Asia/Kuala_Lumpur", ("ms",)),
    ), (("en", 1.0),),
        _names("Nurul, Aisyah, Farah"), _names("Hafiz, Amirul, Faiz"), _names("Abdullah, Ismail, Rahim")),
    Locale("Southeast Asia", 1, (
        City("Bangkok", "Asia/Bangkok", ("th",)), City("Chiang Mai", "Asia/Bangkok", ("th",)),
    ), (("en", 1.0),),
        _names("Kanya, Pimchanok, Siriporn"), _names("Nattapong, Somchai, Thanawat"),
        _names("Srisuk, Wongsa, Chaiyaporn")),
    Locale("Southeast Asia", 1, (
        City("Hanoi", "Asia/Bangkok", ("vi",)), City("Ho Chi Minh City", "Asia/Ho_Chi_Minh", ("vi",)),
    ), (("en", 1.0),),
        _names("Thu Trang, Minh Anh, Lan"), _names("Minh Quân, Đức Anh, Tuấn"),
        _names("Nguyễn, Trần, Lê, Phạm"),
        family_first=True),
    Locale("North America", 3, (
        City("New York", "America/New_York", ("en",)), City("Chicago", "America/Chicago", ("en",)),
        City("San Francisco", "America/Los_Angeles", ("en",)), City("Toronto", "America/Toronto", ("en",)),
        City("Vancouver", "America/Vancouver", ("en",)),
        City("Montreal", "America/Toronto", ("en", "fr"), "Montréal"),
    ), (("en", 1.0), ("es", 0.2), ("fr", 0.15)),
        _names("Emily, Jessica, Maya, Rachel, Nicole, Keisha"),
        _names("Michael, Daniel, Marcus, Kevin, Benjamin, Tyler"),
        _names("Johnson, Williams, Brown, Garcia, Thompson, Tremblay, Walker")),
    Locale("Oceania", 1, (
        City("Sydney", "Australia/Sydney", ("en",)), City("Melbourne", "Australia/Melbourne", ("en",)),
        City("Auckland", "Pacific/Auckland", ("en", "en", "mi")),
    ), (("en", 1.0),),
        _names("Charlotte, Aroha, Mia"), _names("Jack, Tane, Liam"),
        _names("Wilson, Ngata, Campbell, Walker")),
)
# fmt: on

# The text a person writes and their home wiki use these names, in English.
LANGUAGE_NAMES: dict[str, str] = {
    "af": "Afrikaans",
    "am": "Amharic",
    "ar": "Arabic",
    "ay": "Aymara",
    "bm": "Bambara",
    "bn": "Bengali",
    "ca": "Catalan",
    "cs": "Czech",
    "cy": "Welsh",
    "de": "German",
    "ee": "Ewe",
    "el": "Greek",
    "en": "English",
    "es": "Spanish",
    "eu": "Basque",
    "fa": "Persian",
    "fr": "French",
    "ga": "Irish",
    "gl": "Galician",
    "gu": "Gujarati",
    "ha": "Hausa",
    "hi": "Hindi",
    "id": "Indonesian",
    "ig": "Igbo",
    "it": "Italian",
    "ja": "Japanese",
    "jv": "Javanese",
    "kn": "Kannada",
    "ko": "Korean",
    "ku": "Kurdish",
    "lg": "Luganda",
    "mi": "Māori",
    "ml": "Malayalam",
    "mn": "Mongolian",
    "mr": "Marathi",
    "ms": "Malay",
    "ne": "Nepali",
    "nl": "Dutch",
    "or": "Odia",
    "pa": "Punjabi",
    "pl": "Polish",
    "pt": "Portuguese",
    "qu": "Quechua",
    "rw": "Kinyarwanda",
    "si": "Sinhala",
    "sr": "Serbian",
    "st": "Sesotho",
    "su": "Sundanese",
    "sv": "Swedish",
    "sw": "Swahili",
    "ta": "Tamil",
    "te": "Telugu",
    "th": "Thai",
    "tl": "Tagalog",
    "tr": "Turkish",
    "ts": "Tsonga",
    "tw": "Twi",
    "uk": "Ukrainian",
    "ur": "Urdu",
    "vi": "Vietnamese",
    "wo": "Wolof",
    "xh": "Xhosa",
    "yo": "Yoruba",
    "zh": "Chinese",
    "zu": "Zulu",
}
