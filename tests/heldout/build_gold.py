"""Build gold.csv for the held-out set from the label spec below.

Each label gives the figure text and, when the text occurs more than once in the
article, an anchor (a longer unique string containing it). Offsets are computed
here and checked: text[start:end] == figure_text for every row.
Run (from the project root): .venv/bin/python tests/heldout/build_gold.py
"""

import csv
import pathlib

HERE = pathlib.Path(__file__).parent
ART = HERE / "articles"

NK, RU, UA = "North Korea", "Russia", "Ukraine"
NIS = "South Korea's National Intelligence Service"
UKMOD = "UK Ministry of Defence"

# (article, figure_text, anchor, metric, party, low, high, qualifier, claimant, note)
# fmt: off
L = [
# h01 Reuters
("h01_reuters_nis_kursk_combat", "more than 10,000 North Korean soldiers", None, "troops", NK, 10000, None, "at_least", NIS, ""),
("h01_reuters_nis_kursk_combat", "about 50", "about 50 170mm", "equipment", NK, 50, 50, "approx", "Lee Seong-kweun", "calibre follows the count"),
("h01_reuters_nis_kursk_combat", "20", "and 20 240mm", "equipment", NK, 20, 20, "approx", "Lee Seong-kweun", "'about' covers the coordinated pair"),
("h01_reuters_nis_kursk_combat", "millions of artillery shells", None, "equipment", RU, 1000000, 9999999, "vague", "Lee Seong-kweun", "shipped by North Korea to Russia; party = recipient"),
("h01_reuters_nis_kursk_combat", "1.2 million-strong", None, "troops", NK, 1200000, 1200000, "exact", "", "whole army; outlet's voice"),
("h01_reuters_nis_kursk_combat", "around 11,000 North Korean troops", None, "troops", NK, 11000, 11000, "approx", "HUR", "Ukraine's military intelligence agency"),
("h01_reuters_nis_kursk_combat", "about 50,000 troops", None, "troops", RU, 50000, 50000, "approx", "Volodymyr Zelenskiy", "includes the North Korean contingent"),
("h01_reuters_nis_kursk_combat", "some 8,000 North Korean soldiers", None, "troops", NK, 8000, 8000, "approx", "Antony Blinken", ""),
# h02 Yonhap
("h02_yonhap_nk_casualties", "some 3,000 casualties", None, "casualties", NK, 3000, 3000, "approx", NIS, "headline names NIS"),
("h02_yonhap_nk_casualties", "about 3,000 casualties", None, "casualties", NK, 3000, 3000, "approx", NIS, ""),
("h02_yonhap_nk_casualties", "some 300 deaths", None, "killed", NK, 300, 300, "approx", NIS, ""),
("h02_yonhap_nk_casualties", "two North Korean soldiers", "captured two North Korean soldiers", "prisoners", NK, 2, 2, "exact", "Ukraine", ""),
("h02_yonhap_nk_casualties", "around 300 North Korean soldiers", None, "killed", NK, 300, 300, "approx", NIS, "relayed by Rep. Lee Seong-kweun"),
("h02_yonhap_nk_casualties", "2,700 others wounded", None, "wounded", NK, 2700, 2700, "approx", NIS, "'around' covers the pair"),
("h02_yonhap_nk_casualties", "about 1,100 North Korean troops", None, "casualties", NK, 1100, 1100, "approx", "Joint Chiefs of Staff", "killed or wounded"),
("h02_yonhap_nk_casualties", "exceeded 3,000", None, "casualties", NK, 3000, None, "at_least", "Volodymyr Zelensky", "'exceeded' read like 'crossed'"),
("h02_yonhap_nk_casualties", "two wounded North Korean soldiers", None, "prisoners", NK, 2, 2, "exact", "Volodymyr Zelensky", ""),
("h02_yonhap_nk_casualties", "some 11,000 troops", None, "troops", NK, 11000, 11000, "approx", "", "is believed"),
# h03 AP
("h03_ap_drones_general_staff", "pass 800,000", "losses pass 800,000", "casualties", RU, 800000, None, "at_least", "Ukraine", "headline: 'Ukraine says'"),
("h03_ap_drones_general_staff", "145 drones", None, "equipment", RU, 145, 145, "exact", "Ukraine's air force", ""),
("h03_ap_drones_general_staff", "three ballistic missiles", None, "equipment", RU, 3, 3, "exact", "Ukraine's air force", ""),
("h03_ap_drones_general_staff", "passed 800,000", None, "casualties", RU, 800000, None, "at_least", "Ukraine's military", ""),
("h03_ap_drones_general_staff", "81 of the drones", None, "equipment", RU, 81, 81, "exact", "Ukraine's air force", "shot down"),
("h03_ap_drones_general_staff", "another 63", None, "equipment", RU, 63, 63, "exact", "Ukraine's air force", "'lost' to EW"),
("h03_ap_drones_general_staff", "1,480 troops", None, "casualties", RU, 1480, 1480, "exact", "Ukraine's General Staff", ""),
("h03_ap_drones_general_staff", "800,720", None, "casualties", RU, 800720, 800720, "exact", "Ukraine's General Staff", "killed, wounded or captured"),
("h03_ap_drones_general_staff", "9,893 tanks", None, "equipment", RU, 9893, 9893, "exact", "Ukraine's General Staff", "'It said'"),
("h03_ap_drones_general_staff", "20,611 armored fighting vehicles", None, "equipment", RU, 20611, 20611, "exact", "Ukraine's General Staff", ""),
("h03_ap_drones_general_staff", "22,416 artillery systems", None, "equipment", RU, 22416, 22416, "exact", "Ukraine's General Staff", ""),
("h03_ap_drones_general_staff", "43,000 Ukrainian soldiers", None, "killed", UA, 43000, 43000, "exact", "Volodymyr Zelenskyy", ""),
("h03_ap_drones_general_staff", "370,000 wounded", None, "wounded", UA, 370000, 370000, "exact", "Volodymyr Zelenskyy", ""),
("h03_ap_drones_general_staff", "one man", None, "civilian_killed", UA, 1, 1, "exact", "Oleksandr Prokudin", ""),
("h03_ap_drones_general_staff", "eight people", None, "wounded", UA, 8, 8, "exact", "Oleksandr Prokudin", "civilians injured; no civilian_wounded metric"),
("h03_ap_drones_general_staff", "Four people", None, "wounded", UA, 4, 4, "exact", "Ihor Terekhov", "civilians; 'according to' at sentence end"),
("h03_ap_drones_general_staff", "47 Ukrainian drones", None, "equipment", UA, 47, 47, "exact", "Russia's Defense Ministry", ""),
("h03_ap_drones_general_staff", "19", "including 19 over", "equipment", UA, 19, 19, "exact", "Russia's Defense Ministry", "elliptical: 19 (drones)"),
("h03_ap_drones_general_staff", "up to 290 servicemen", None, "casualties", UA, None, 290, "up_to", "Russia's Defense Ministry", "'lost'"),
("h03_ap_drones_general_staff", "more than 54,000 troops", None, "casualties", UA, 54000, None, "at_least", "Russia's Defense Ministry", "quote then speaker"),
("h03_ap_drones_general_staff", "180,000", None, "troops", RU, 180000, 180000, "exact", "Vladimir Putin", "decree; claimant debatable"),
("h03_ap_drones_general_staff", "1.5 million", None, "troops", RU, 1500000, 1500000, "exact", "Vladimir Putin", "decree target"),
("h03_ap_drones_general_staff", "around 600,000 troops", None, "troops", RU, 600000, 600000, "approx", "Volodymyr Zelenskyy", ""),
# h04 Forces News relaying UK MoD
("h04_forces_news_mod_update", "more than 1,500 soldiers", None, "casualties", RU, 1500, None, "at_least", UKMOD, "daily average; 'British defence intelligence has said'"),
("h04_forces_news_mod_update", "1,523", None, "casualties", RU, 1523, 1523, "exact", "Ukrainian General Staff", "MoD relays General Staff figures"),
("h04_forces_news_mod_update", "1,271", None, "casualties", RU, 1271, 1271, "exact", "Ukrainian General Staff", "carry-over"),
("h04_forces_news_mod_update", "45,680", None, "casualties", RU, 45680, 45680, "exact", "Ukrainian General Staff", "carry-over from previous bullet; debatable"),
("h04_forces_news_mod_update", "in excess of 730,000 casualties", None, "casualties", RU, 730000, None, "at_least", UKMOD, "MoD's own assessment"),
("h04_forces_news_mod_update", "roughly 1,200 soldiers a day", None, "casualties", RU, 1200, 1200, "approx", "John Healey", "'losing'"),
("h04_forces_news_mod_update", "as many as 3,600 tanks", None, "equipment", RU, None, 3600, "up_to", "John Healey", "He added"),
("h04_forces_news_mod_update", "passed 500,000", None, "casualties", RU, 500000, None, "at_least", UKMOD, ""),
("h04_forces_news_mod_update", "above 600,000", None, "casualties", RU, 600000, None, "at_least", UKMOD, "'above' read as at_least"),
("h04_forces_news_mod_update", "more than 51,000 Ukrainian recruits", None, "troops", UA, 51000, None, "at_least", UKMOD, "trained"),
# h05 Daily Mail
("h05_dailymail_kim_cannon_fodder", "100K More North Korean Troops", None, "troops", NK, 100000, 100000, "exact", "Kyrylo Budanov", "headline names 'Kyiv Spy Chief'; hedge lost"),
("h05_dailymail_kim_cannon_fodder", "nearly 4,000", "claims nearly 4,000 have", "casualties", NK, 4000, 4000, "approx", "Volodymyr Zelensky", "bullet"),
("h05_dailymail_kim_cannon_fodder", "as many as 100,000 more soldiers", None, "troops", NK, None, 100000, "up_to", "Kyrylo Budanov", ""),
("h05_dailymail_kim_cannon_fodder", "tens of thousands", None, "troops", NK, 10000, 99999, "vague", "Kyrylo Budanov", ""),
("h05_dailymail_kim_cannon_fodder", "a hundred thousand people", None, "troops", NK, 100000, 100000, "exact", "Kyrylo Budanov", "quote then speaker"),
("h05_dailymail_kim_cannon_fodder", "around 12,000 troops", None, "troops", NK, 12000, 12000, "approx", "Kyrylo Budanov", "He added"),
("h05_dailymail_kim_cannon_fodder", "roughly 1,000 of whom", None, "killed", NK, 1000, 1000, "approx", "Kyrylo Budanov", ""),
("h05_dailymail_kim_cannon_fodder", "nearly 4,000 North Korean soldiers", None, "casualties", NK, 4000, 4000, "approx", "Volodymyr Zelensky", ""),
("h05_dailymail_kim_cannon_fodder", "dozens of North Korean troops", None, "troops", NK, 24, 99, "vague", "", "outlet describing footage"),
("h05_dailymail_kim_cannon_fodder", "over 750,000 casualties", None, "casualties", RU, 750000, None, "at_least", UKMOD, "'Britain's Ministry of Defence'"),
("h05_dailymail_kim_cannon_fodder", "some 1,500 men", None, "casualties", RU, 1500, 1500, "approx", UKMOD, "killed or wounded a day"),
# h06 Newsweek relaying TASS
("h06_newsweek_tass_kursk", "Over 38,000 Troops", None, "casualties", UA, 38000, None, "at_least", "Russian state media", "headline 'Says Russian State Media'"),
("h06_newsweek_tass_kursk", "more than 38,000 troops", None, "casualties", UA, 38000, None, "at_least", "Russian state media", "lede names state media; ministry named later"),
("h06_newsweek_tass_kursk", "more than 38,000 servicemen", None, "casualties", UA, 38000, None, "at_least", "Russia's Ministry of Defense", "TASS is a relay"),
("h06_newsweek_tass_kursk", "220 tanks", None, "equipment", UA, 220, None, "at_least", "Russia's Ministry of Defense", "list under 'more than': qualifier distributed (debatable)"),
("h06_newsweek_tass_kursk", "143 infantry fighting vehicles", None, "equipment", UA, 143, None, "at_least", "Russia's Ministry of Defense", "list under 'more than'"),
("h06_newsweek_tass_kursk", "1,183 armored combat vehicles", None, "equipment", UA, 1183, None, "at_least", "Russia's Ministry of Defense", "list under 'more than'"),
("h06_newsweek_tass_kursk", "up to 400 servicemen", None, "casualties", UA, None, 400, "up_to", "Russia's Ministry of Defense", ""),
("h06_newsweek_tass_kursk", "two tanks", None, "equipment", UA, 2, 2, "exact", "Russia's Ministry of Defense", "'along with' - not a coordinated pair under 'up to'"),
("h06_newsweek_tass_kursk", "about 20,000 troops", None, "casualties", RU, 20000, 20000, "approx", "Oleksandr Syrskyi", "'lost'"),
("h06_newsweek_tass_kursk", "around 7,000 killed", None, "killed", RU, 7000, 7000, "approx", "Oleksandr Syrskyi", ""),
("h06_newsweek_tass_kursk", "54 Ukrainian drones", None, "equipment", UA, 54, 54, "exact", "Russia's Defense Ministry", "'it said'"),
("h06_newsweek_tass_kursk", "some 2,000 Ukrainian soldiers", None, "troops", UA, 2000, 2000, "approx", "Denis Pushilin", "'encircled'"),
("h06_newsweek_tass_kursk", "around 100 prisoners", None, "prisoners", UA, 100, 100, "approx", "Denis Pushilin", "Pushilin added"),
# h07 OHCHR
("h07_ohchr_civilian_update", "At least 164 civilians", None, "civilian_killed", UA, 164, None, "at_least", "UN Human Rights Monitoring Mission in Ukraine", ""),
("h07_ohchr_civilian_update", "1,018 injured", None, "wounded", UA, 1018, None, "at_least", "UN Human Rights Monitoring Mission in Ukraine", "civilians; 'at least' covers the pair"),
("h07_ohchr_civilian_update", "134 civilians killed", None, "civilian_killed", UA, 134, 134, "exact", "UN Human Rights Monitoring Mission in Ukraine", ""),
("h07_ohchr_civilian_update", "795 injured", None, "wounded", UA, 795, 795, "exact", "UN Human Rights Monitoring Mission in Ukraine", "civilians"),
("h07_ohchr_civilian_update", "12 children", None, "civilian_killed", UA, 12, 12, "exact", "Danielle Bell", ""),
("h07_ohchr_civilian_update", "at least 105 children", None, "wounded", UA, 105, None, "at_least", "Danielle Bell", "children injured"),
("h07_ohchr_civilian_update", "at least 12,162 civilians", None, "civilian_killed", UA, 12162, None, "at_least", "UN Human Rights Monitoring Mission in Ukraine", "bullet"),
("h07_ohchr_civilian_update", "26,919 injured", None, "wounded", UA, 26919, None, "at_least", "UN Human Rights Monitoring Mission in Ukraine", "civilians; pair"),
("h07_ohchr_civilian_update", "622 children killed", None, "civilian_killed", UA, 622, 622, "exact", "UN Human Rights Monitoring Mission in Ukraine", "carry-over; 'includes'"),
("h07_ohchr_civilian_update", "1,845 children injured", None, "wounded", UA, 1845, 1845, "exact", "UN Human Rights Monitoring Mission in Ukraine", ""),
("h07_ohchr_civilian_update", "7 civilians killed", None, "civilian_killed", RU, 7, 7, "exact", "Russian authorities", "Mission relays Russian authorities"),
("h07_ohchr_civilian_update", "40 injured", None, "wounded", RU, 40, 40, "exact", "Russian authorities", "civilians in Russia"),
("h07_ohchr_civilian_update", "thousands of civilians", None, "civilian_killed", UA, 1000, 9999, "vague", "UN Human Rights Monitoring Mission in Ukraine", "Mariupol; carry-over from 'The Mission believes'"),
# h08 Guardian
("h08_guardian_displaced_explainer", "millions of Ukrainians", None, "displaced", UA, 1000000, 9999999, "vague", "", "standfirst"),
("h08_guardian_displaced_explainer", "6.8m refugees", None, "displaced", UA, 6800000, 6800000, "exact", "UNHCR", "'m' suffix"),
("h08_guardian_displaced_explainer", "roughly 100,000 people a day", None, "displaced", UA, 100000, 100000, "approx", "", "outlet background; no source of its own"),
("h08_guardian_displaced_explainer", "about 1.2 million", None, "displaced", UA, 1200000, 1200000, "approx", "", "refugees in Germany"),
("h08_guardian_displaced_explainer", "nearly 1 million", None, "displaced", UA, 1000000, 1000000, "approx", "", "refugees in Poland"),
("h08_guardian_displaced_explainer", "3.7 million people", None, "displaced", UA, 3700000, 3700000, "exact", "International Organization for Migration", ""),
("h08_guardian_displaced_explainer", "about 8 million", None, "displaced", UA, 8000000, 8000000, "approx", "International Organization for Migration", "carry-over"),
("h08_guardian_displaced_explainer", "nearly 14 million Ukrainians", None, "displaced", UA, 14000000, 14000000, "approx", "UN", ""),
("h08_guardian_displaced_explainer", "tens of thousands of people", None, "displaced", UA, 10000, 99999, "vague", "", ""),
("h08_guardian_displaced_explainer", "more than 11,000 residents", None, "displaced", UA, 11000, None, "at_least", "regional officials", "evacuated"),
("h08_guardian_displaced_explainer", "Hundreds of thousands of Ukrainians", None, "displaced", UA, 100000, 999999, "vague", "Kyiv", "moved to Russia"),
("h08_guardian_displaced_explainer", "19,546 children", None, "displaced", UA, 19546, 19546, "exact", "Ukraine", "deported children; metric debatable"),
("h08_guardian_displaced_explainer", "4.2 million people", None, "displaced", UA, 4200000, 4200000, "exact", "", "retracted figure in correction note"),
("h08_guardian_displaced_explainer", "3.7 million", "latest figure is 3.7 million", "displaced", UA, 3700000, 3700000, "exact", "International Organization for Migration", "correction note"),
# h09 Kyiv Independent
("h09_kyivindependent_pow_swap", "189 POWs", None, "prisoners", UA, 189, 189, "exact", "", "headline"),
("h09_kyivindependent_pow_swap", "189 prisoners of war", None, "prisoners", UA, 189, 189, "exact", "Volodymyr Zelensky", "returned POWs"),
("h09_kyivindependent_pow_swap", "150 Russian servicemen", None, "prisoners", RU, 150, 150, "exact", "Russia's Defense Ministry", ""),
("h09_kyivindependent_pow_swap", "3,956 people", None, "prisoners", UA, 3956, 3956, "exact", "Coordination Headquarters for the Treatment of Prisoners of War", "brought back since 2022"),
("h09_kyivindependent_pow_swap", "Thousands remain in captivity", None, "prisoners", UA, 1000, 9999, "vague", "", "subhead"),
("h09_kyivindependent_pow_swap", "more than 8,000", None, "prisoners", UA, 8000, None, "at_least", "Dmytro Lubinets", "soldiers and civilians; 'per his office's estimates'"),
("h09_kyivindependent_pow_swap", "roughly 6,000 Russian soldiers", None, "prisoners", RU, 6000, 6000, "approx", "HUR", "captured"),
("h09_kyivindependent_pow_swap", "Hundreds more", None, "prisoners", RU, 100, 999, "vague", "", "are believed"),
("h09_kyivindependent_pow_swap", "150 Ukrainians", None, "prisoners", UA, 150, 150, "exact", "", ""),
("h09_kyivindependent_pow_swap", "503 fallen soldiers", None, "killed", UA, 503, 503, "exact", "", "bodies repatriated"),
("h09_kyivindependent_pow_swap", "at least 177 Ukrainian POWs", None, "killed", UA, 177, None, "at_least", "UN Human Rights Monitoring Mission", "executed POWs; metric debatable"),
# h10 Politico Pentagon
("h10_pentagon_briefing", "casualties in the hundreds", None, "casualties", NK, 100, 999, "vague", "senior U.S. military official", ""),
("h10_pentagon_briefing", "in the hundreds —", None, "casualties", NK, 100, 999, "vague", "senior U.S. military official", "quote then speaker"),
("h10_pentagon_briefing", "roughly 11,000 to 12,000 North Korean troops", None, "troops", NK, 11000, 12000, "range", "Pat Ryder", "approx word + range -> range"),
("h10_pentagon_briefing", "about 10,000", None, "troops", NK, 10000, 10000, "approx", "Pat Ryder", "elliptical"),
("h10_pentagon_briefing", "\"millions\" of rounds", None, "equipment", RU, 1000000, 9999999, "vague", "Pat Ryder", "supplied by North Korea; He added"),
("h10_pentagon_briefing", "as many as 10,000 shells a day", None, "equipment", RU, None, 10000, "up_to", "U.S. officials", "rate of fire; metric debatable"),
("h10_pentagon_briefing", "more than 600,000 casualties", None, "casualties", RU, 600000, None, "at_least", "Pentagon", ""),
("h10_pentagon_briefing", "31 Abrams tanks", None, "equipment", UA, 31, 31, "exact", "State Department", "according to ... at sentence end"),
("h10_pentagon_briefing", "more than 40 HIMARS systems", None, "equipment", UA, 40, None, "at_least", "State Department", ""),
("h10_pentagon_briefing", "at least 20 of the Abrams", None, "equipment", UA, 20, None, "at_least", "Oryx", "lost"),
("h10_pentagon_briefing", "more than 5,000 Ukrainian troops", None, "troops", UA, 5000, None, "at_least", "Pat Ryder", "trained; 'he said' after the figure"),
# h11 ISW
("h11_isw_assessment", "at least 200 casualties", None, "casualties", NK, 200, None, "at_least", "Ukraine's Main Military Intelligence Directorate", ""),
("h11_isw_assessment", "30 killed", "including 30 killed", "killed", NK, 30, 30, "exact", "Ukraine's Main Military Intelligence Directorate", "subset; own number has no qualifier"),
("h11_isw_assessment", "roughly 30 killed", None, "killed", NK, 30, 30, "approx", "Ukraine's Main Military Intelligence Directorate", ""),
("h11_isw_assessment", "about 50 North Korean servicemen", None, "casualties", NK, 50, 50, "approx", "Ukraine's Special Operations Forces", "killed or wounded"),
("h11_isw_assessment", "up to 40 armored vehicles", None, "equipment", RU, None, 40, "up_to", "Russian milblogger", "Russian and North Korean forces' vehicles"),
("h11_isw_assessment", "only seven destroyed vehicles", None, "equipment", RU, 7, 7, "exact", "ISW", ""),
("h11_isw_assessment", "approximately 12,000 North Korean troops", None, "troops", NK, 12000, 12000, "approx", "US officials", "New York Times is a relay"),
("h11_isw_assessment", "62 combat engagements", None, "other", RU, 62, 62, "exact", "Vladyslav Voloshyn", "count of clashes; labelled other"),
("h11_isw_assessment", "between 15 and 20 armored vehicles", None, "equipment", RU, 15, 20, "range", "Vladyslav Voloshyn", ""),
("h11_isw_assessment", "12 of the vehicles", None, "equipment", RU, 12, 12, "exact", "Vladyslav Voloshyn", "Voloshyn added"),
("h11_isw_assessment", "in excess of 70,000 personnel", None, "troops", RU, 70000, None, "at_least", "Russian milblogger", ""),
("h11_isw_assessment", "1,780 personnel", None, "casualties", RU, 1780, 1780, "exact", "Ukraine's General Staff", ""),
# h12 Al Jazeera
("h12_aljazeera_key_events", "at least 11 people", None, "civilian_killed", UA, 11, None, "at_least", "Ukrainian officials", ""),
("h12_aljazeera_key_events", "two children", None, "civilian_killed", UA, 2, 2, "exact", "Ukrainian officials", ""),
("h12_aljazeera_key_events", "84 others", None, "wounded", UA, 84, 84, "exact", "Ukrainian officials", "civilians; 'at least' not carried across the verb pair (debatable)"),
("h12_aljazeera_key_events", "10 people", None, "civilian_killed", UA, 10, 10, "exact", "Oleh Kiper", ""),
("h12_aljazeera_key_events", "wounding 43", None, "wounded", UA, 43, 43, "exact", "Oleh Kiper", "civilians"),
("h12_aljazeera_key_events", "120 missiles", None, "equipment", RU, 120, 120, "exact", "Ukraine's air force", ""),
("h12_aljazeera_key_events", "90 drones", None, "equipment", RU, 90, 90, "exact", "Ukraine's air force", ""),
("h12_aljazeera_key_events", "144 of them", None, "equipment", RU, 144, 144, "exact", "Ukraine's air force", "destroyed"),
("h12_aljazeera_key_events", "about 50,000 troops", None, "troops", RU, 50000, 50000, "approx", "Volodymyr Zelenskyy", ""),
("h12_aljazeera_key_events", "some 11,000 North Korean soldiers", None, "troops", NK, 11000, 11000, "approx", "Volodymyr Zelenskyy", ""),
("h12_aljazeera_key_events", "470 soldiers", None, "casualties", UA, 470, 470, "exact", "Russia's Ministry of Defence", "losses"),
("h12_aljazeera_key_events", "two Bradley fighting vehicles", None, "equipment", UA, 2, 2, "exact", "Russia's Ministry of Defence", ""),
("h12_aljazeera_key_events", "1,200 more anti-aircraft missiles", None, "equipment", UA, 1200, 1200, "exact", "Sweden", ""),
("h12_aljazeera_key_events", "about 4,000 AI-guided attack drones", None, "equipment", UA, 4000, 4000, "approx", "Germany", ""),
("h12_aljazeera_key_events", "at least 12,162 civilians", None, "civilian_killed", UA, 12162, None, "at_least", "UN's human rights office", ""),
("h12_aljazeera_key_events", "more than 3.7 million people", None, "displaced", UA, 3700000, None, "at_least", "UN's human rights office", ""),
("h12_aljazeera_key_events", "95 Ukrainian servicemen", None, "prisoners", UA, 95, 95, "exact", "Coordination Headquarters for the Treatment of Prisoners of War", ""),
("h12_aljazeera_key_events", "dozens of civilians", None, "prisoners", UA, 24, 99, "vague", "Coordination Headquarters for the Treatment of Prisoners of War", "civilians held by Russia"),
("h12_aljazeera_key_events", "more than 500 Ukrainian soldiers", None, "prisoners", UA, 500, None, "at_least", "source in the security services", "surrendered; RIA is a relay"),
# h13 blog
("h13_blog_nk_dead", "12,000 SOLDIERS", None, "troops", NK, 12000, 12000, "exact", "", "headline, hedges lost"),
("h13_blog_nk_dead", "A THOUSAND", None, "killed", NK, 1000, 1000, "exact", "", "headline"),
("h13_blog_nk_dead", "12,000 soldiers", None, "troops", NK, 12000, 12000, "exact", "", ""),
("h13_blog_nk_dead", "Twelve thousand", None, "troops", NK, 12000, 12000, "exact", "", ""),
("h13_blog_nk_dead", "Another 3,000", None, "troops", NK, 3000, 3000, "exact", "", ""),
("h13_blog_nk_dead", "15,000", None, "troops", NK, 15000, 15000, "exact", "", ""),
("h13_blog_nk_dead", "At least a thousand", None, "killed", NK, 1000, None, "at_least", "", ""),
("h13_blog_nk_dead", "more than 3,000", None, "casualties", NK, 3000, None, "at_least", "Volodymyr Zelensky", "'Zelensky says'"),
("h13_blog_nk_dead", "something like 1,500 men a day", None, "casualties", RU, 1500, 1500, "approx", "", "'something like' read as approx"),
("h13_blog_nk_dead", "tens of thousands every month", None, "casualties", RU, 10000, 99999, "vague", "", ""),
("h13_blog_nk_dead", "heading for 800,000", None, "casualties", RU, 800000, 800000, "approx", "Kyiv", "'heading for' read like 'approaching'"),
("h13_blog_nk_dead", "more than 3,500 tanks", None, "equipment", RU, 3500, None, "at_least", "", "attribution attaches to the previous clause (debatable)"),
("h13_blog_nk_dead", "12K extra bodies", None, "troops", NK, 12000, 12000, "exact", "", ""),
# h14 BBC
("h14_bbc_russian_dead_explainer", "5,937", None, "killed", RU, 5937, 5937, "exact", "Russia", "last official update (Sept 2022)"),
("h14_bbc_russian_dead_explainer", "95,019 Russian soldiers", None, "killed", RU, 95019, 95019, "exact", "BBC Russian and Mediazona", "named count"),
("h14_bbc_russian_dead_explainer", "More than 20,000 of the named dead", None, "killed", RU, 20000, None, "at_least", "", "outlet's own count, no source in sentence (debatable)"),
("h14_bbc_russian_dead_explainer", "at least 17,000", None, "killed", RU, 17000, None, "at_least", "", "ex-prisoners among named dead"),
("h14_bbc_russian_dead_explainer", "about 165,000 Russian men", None, "killed", RU, 165000, 165000, "approx", "Mediazona and Meduza", ""),
("h14_bbc_russian_dead_explainer", "150,000–190,000", None, "killed", RU, 150000, 190000, "range", "Mediazona and Meduza", "en dash"),
("h14_bbc_russian_dead_explainer", "some 800,000 casualties", None, "casualties", RU, 800000, 800000, "approx", UKMOD, ""),
("h14_bbc_russian_dead_explainer", "up to 200,000", None, "killed", RU, None, 200000, "up_to", UKMOD, ""),
("h14_bbc_russian_dead_explainer", "between 600,000 and 700,000", None, "casualties", RU, 600000, 700000, "range", "US officials", "'one told the New York Times'"),
("h14_bbc_russian_dead_explainer", "43,000 Ukrainian soldiers", None, "killed", UA, 43000, 43000, "exact", "Volodymyr Zelensky", ""),
("h14_bbc_russian_dead_explainer", "370,000 wounded", None, "wounded", UA, 370000, 370000, "exact", "Volodymyr Zelensky", ""),
("h14_bbc_russian_dead_explainer", "more than 60,000 Ukrainian dead", None, "killed", UA, 60000, None, "at_least", "UALosses", ""),
("h14_bbc_russian_dead_explainer", "tens of thousands more", None, "other", UA, 10000, 99999, "vague", "UALosses", "missing"),
("h14_bbc_russian_dead_explainer", "as many as 80,000", None, "killed", UA, None, 80000, "up_to", "confidential Ukrainian estimate", "WSJ is a relay"),
("h14_bbc_russian_dead_explainer", "400,000 wounded", None, "wounded", UA, None, 400000, "up_to", "confidential Ukrainian estimate", "'as many as' covers the pair"),
("h14_bbc_russian_dead_explainer", "at least 12,600 civilians", None, "civilian_killed", UA, 12600, None, "at_least", "UN", ""),
("h14_bbc_russian_dead_explainer", "as high as 200,000 to 250,000", None, "killed", RU, 200000, 250000, "as_high_as", "Western analysts", "range behind 'as high as'"),
("h13_blog_nk_dead", "as high as 250,000", None, "killed", RU, None, 250000, "as_high_as", "Western estimates", "'Some Western estimates put'"),
# h15 Indian outlet
("h15_indian_outlet_recruits", "12 Indians", None, "killed", RU, 12, 12, "exact", "Ministry of External Affairs", "headline 'says MEA'; Indians in Russian army, party debatable"),
("h15_indian_outlet_recruits", "16 missing", None, "other", RU, 16, 16, "exact", "Ministry of External Affairs", "missing; headline"),
("h15_indian_outlet_recruits", "Twelve Indian nationals", None, "killed", RU, 12, 12, "exact", "Ministry of External Affairs", ""),
("h15_indian_outlet_recruits", "16 others", None, "other", RU, 16, 16, "exact", "Ministry of External Affairs", "missing"),
("h15_indian_outlet_recruits", "126 cases of Indian nationals", None, "troops", RU, 126, 126, "exact", "Randhir Jaiswal", "serving in the Russian army"),
("h15_indian_outlet_recruits", "96", "Of these, 96", "other", RU, 96, 96, "exact", "Randhir Jaiswal", "discharged and returned; metric debatable"),
("h15_indian_outlet_recruits", "Twelve have", None, "killed", RU, 12, 12, "exact", "Randhir Jaiswal", "quote"),
("h15_indian_outlet_recruits", "16 are listed as missing", None, "other", RU, 16, 16, "exact", "Randhir Jaiswal", "missing"),
("h15_indian_outlet_recruits", "nearly 8,20,000 soldiers", None, "casualties", RU, 820000, 820000, "approx", "Ukraine's General Staff", "Indian grouping"),
("h15_indian_outlet_recruits", "more than 1,000 men every single day", None, "casualties", RU, 1000, None, "at_least", "Ukraine's General Staff", "outlet's arithmetic inside the attributed sentence"),
("h15_indian_outlet_recruits", "about 1,00,000 casualties", None, "casualties", RU, 100000, 100000, "approx", "senior NATO official", "Indian grouping"),
("h15_indian_outlet_recruits", "around 11,000 troops", None, "troops", NK, 11000, 11000, "approx", "", "is believed"),
("h15_indian_outlet_recruits", "at least 33 of its citizens", None, "killed", RU, 33, None, "at_least", "Nepal's government", "Nepalis fighting for Russia"),
# h16 NPR transcript
("h16_radio_transcript_kursk", "about 12-thousand soldiers", None, "troops", NK, 12000, 12000, "approx", "U.S. and South Korean intelligence", ""),
("h16_radio_transcript_kursk", "several thousand more", None, "troops", NK, 1000, 9999, "vague", "Ukraine's military intelligence", ""),
("h16_radio_transcript_kursk", "more than 3,000 North Korean soldiers", None, "casualties", NK, 3000, None, "at_least", "Volodymyr Zelenskyy", ""),
("h16_radio_transcript_kursk", "approaching 15-hundred", None, "casualties", NK, 1500, 1500, "approx", "U.S. official", "dead and wounded"),
("h16_radio_transcript_kursk", "around 1,100", None, "casualties", NK, 1100, 1100, "approx", "South Korea's military", "elliptical"),
("h16_radio_transcript_kursk", "an estimated 50-thousand troops", None, "troops", RU, 50000, 50000, "approx", "Ukrainian commanders", "'an estimated' read as approx (debatable)"),
("h16_radio_transcript_kursk", "upwards of 1,500 troops a day", None, "casualties", RU, 1500, None, "at_least", "Ukraine's military", "'upwards of' read as at_least"),
# h17 Ukrainska Pravda
("h17_pravda_syrskyi_interview", "600,000 troops", None, "troops", RU, 600000, 600000, "exact", "Oleksandr Syrskyi", "headline names Syrskyi"),
("h17_pravda_syrskyi_interview", "exceeded 48,000", "January exceeded 48,000\n", "casualties", RU, 48000, None, "at_least", "Oleksandr Syrskyi", "headline"),
("h17_pravda_syrskyi_interview", "600,000 personnel", None, "troops", RU, 600000, 600000, "exact", "Oleksandr Syrskyi", ""),
("h17_pravda_syrskyi_interview", "exceeded 48,000 killed and wounded", None, "casualties", RU, 48000, None, "at_least", "Oleksandr Syrskyi", ""),
("h17_pravda_syrskyi_interview", "600,000-strong", None, "troops", RU, 600000, 600000, "exact", "Oleksandr Syrskyi", "quote block"),
("h17_pravda_syrskyi_interview", "roughly 700,000", None, "troops", RU, 700000, 700000, "approx", "Oleksandr Syrskyi", "planned"),
("h17_pravda_syrskyi_interview", "up to 1,600 people a day", None, "casualties", RU, None, 1600, "up_to", "Oleksandr Syrskyi", ""),
("h17_pravda_syrskyi_interview", "more than 48,000 occupiers", None, "casualties", RU, 48000, None, "at_least", "Oleksandr Syrskyi", ""),
("h17_pravda_syrskyi_interview", "between 30,000 and 35,000 people a month", None, "troops", RU, 30000, 35000, "range", "Oleksandr Syrskyi", "recruits"),
("h17_pravda_syrskyi_interview", "more than 100 guided aerial bombs", None, "equipment", RU, 100, None, "at_least", "Oleksandr Syrskyi", "'According to him'"),
("h17_pravda_syrskyi_interview", "about 3,000 North Korean troops", None, "casualties", NK, 3000, 3000, "approx", "Oleksandr Syrskyi", "killed or wounded"),
("h17_pravda_syrskyi_interview", "43,000 Ukrainian soldiers", None, "killed", UA, 43000, 43000, "exact", "Volodymyr Zelensky", ""),
("h17_pravda_syrskyi_interview", "370,000 wounded", None, "wounded", UA, 370000, 370000, "exact", "Volodymyr Zelensky", ""),
("h17_pravda_syrskyi_interview", "over 840,000 personnel", None, "casualties", RU, 840000, None, "at_least", "Ukraine's General Staff", ""),
("h17_pravda_syrskyi_interview", "9,900 tanks", None, "equipment", RU, 9900, None, "at_least", "Ukraine's General Staff", "list under 'over' (debatable)"),
("h17_pravda_syrskyi_interview", "about 22,000 artillery systems", None, "equipment", RU, 22000, 22000, "approx", "Ukraine's General Staff", ""),
("h17_pravda_syrskyi_interview", "as many as 100,000 Ukrainian soldiers", None, "other", UA, None, 100000, "up_to", "Russian propagandists", "deserters"),
("h17_pravda_syrskyi_interview", "more than 90,000 cases", None, "other", UA, 90000, None, "at_least", "State Bureau of Investigation", "desertion cases"),
]
# fmt: on


# One spelling per entity across the set (outlets' house spellings differ).
CANON = {
    "Volodymyr Zelenskiy": "Volodymyr Zelensky",
    "Volodymyr Zelenskyy": "Volodymyr Zelensky",
    "Russia's Defense Ministry": "Russia's Defence Ministry",
    "Russia's Ministry of Defense": "Russia's Defence Ministry",
    "Russia's Ministry of Defence": "Russia's Defence Ministry",
    "Ukrainian General Staff": "Ukraine's General Staff",
    "Ukraine's Main Military Intelligence Directorate": "HUR",
    "Ukraine's military intelligence": "HUR",
    "UN Human Rights Monitoring Mission": "UN Human Rights Monitoring Mission in Ukraine",
}

COLS = [
    "article_id",
    "figure_text",
    "start",
    "end",
    "metric",
    "party",
    "value_low",
    "value_high",
    "qualifier",
    "claimant",
    "note",
]


def fmt(v):
    return "" if v is None else str(v)


def main():
    rows, errors = [], []
    texts = {p.stem: p.read_text(encoding="utf-8") for p in ART.glob("*.txt")}
    for aid, fig, anchor, metric, party, lo, hi, qual, claimant, note in L:
        text = texts[aid]
        if anchor:
            if text.count(anchor) != 1:
                errors.append(f"{aid}: anchor {anchor!r} occurs {text.count(anchor)}x")
                continue
            a = text.index(anchor)
            start = a + anchor.index(fig)
        else:
            if text.count(fig) != 1:
                errors.append(f"{aid}: {fig!r} occurs {text.count(fig)}x")
                continue
            start = text.index(fig)
        end = start + len(fig)
        assert text[start:end] == fig
        rows.append(
            [
                aid,
                fig,
                start,
                end,
                metric,
                party,
                fmt(lo),
                fmt(hi),
                qual,
                CANON.get(claimant, claimant),
                note,
            ]
        )
    if errors:
        raise SystemExit("\n".join(errors))
    unknown = {r[0] for r in rows} - set(texts)
    assert not unknown, unknown
    rows.sort(key=lambda r: (r[0], r[2]))
    with (HERE / "gold.csv").open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(COLS)
        w.writerows(rows)
    # independent re-check from the written file
    with (HERE / "gold.csv").open(encoding="utf-8") as f:
        for r in csv.DictReader(f):
            t = texts[r["article_id"]]
            assert t[int(r["start"]) : int(r["end"])] == r["figure_text"], r
    print(f"{len(rows)} rows, {len(texts)} articles, all offsets verified")


if __name__ == "__main__":
    main()
