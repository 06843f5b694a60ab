package io.pdshield.testkit;

import org.junit.jupiter.api.Test;

import static io.pdshield.testkit.RuNames.Case.ACC;
import static io.pdshield.testkit.RuNames.Case.DAT;
import static io.pdshield.testkit.RuNames.Case.GEN;
import static io.pdshield.testkit.RuNames.Case.INS;
import static io.pdshield.testkit.RuNames.Case.PRE;
import static org.junit.jupiter.api.Assertions.assertEquals;

class RuNamesTest {
    private static String full(String last, String first, String middle, boolean female, RuNames.Case c) {
        return RuNames.surname(last, female, c) + " " + RuNames.firstName(first, female, c) + " " + RuNames.patronymic(middle, female, c);
    }

    @Test
    void femaleFullNameInEveryCase() {
        assertEquals("Ивановой Анны Сергеевны", full("Иванова", "Анна", "Сергеевна", true, GEN));
        assertEquals("Ивановой Анне Сергеевне", full("Иванова", "Анна", "Сергеевна", true, DAT));
        assertEquals("Иванову Анну Сергеевну", full("Иванова", "Анна", "Сергеевна", true, ACC));
        assertEquals("Ивановой Анной Сергеевной", full("Иванова", "Анна", "Сергеевна", true, INS));
        assertEquals("Ивановой Анне Сергеевне", full("Иванова", "Анна", "Сергеевна", true, PRE));
    }

    @Test
    void maleFullNameInEveryCase() {
        assertEquals("Петрова Андрея Ильича", full("Петров", "Андрей", "Ильич", false, GEN));
        assertEquals("Петрову Андрею Ильичу", full("Петров", "Андрей", "Ильич", false, DAT));
        assertEquals("Петровым Андреем Ильичом", full("Петров", "Андрей", "Ильич", false, INS));
        assertEquals("Петрове Андрее Ильиче", full("Петров", "Андрей", "Ильич", false, PRE));
    }

    @Test
    void otherParadigms() {
        assertEquals("Вишневского", RuNames.surname("Вишневский", false, GEN));
        assertEquals("Вишневскую", RuNames.surname("Вишневская", true, ACC));
        assertEquals("Шевченко", RuNames.surname("Шевченко", true, DAT));
        assertEquals("Анатолии", RuNames.firstName("Анатолий", false, PRE));
        assertEquals("Игорем", RuNames.firstName("Игорь", false, INS));
        assertEquals("Ильи", RuNames.firstName("Илья", false, GEN));
        assertEquals("Никиты", RuNames.firstName("Никита", false, GEN));
        assertEquals("Ольги", RuNames.firstName("Ольга", true, GEN));
        assertEquals("Марии", RuNames.firstName("Мария", true, DAT));
        assertEquals("Натальей", RuNames.firstName("Наталья", true, INS));
        assertEquals("Любови", RuNames.firstName("Любовь", true, GEN));
        assertEquals("Павла", RuNames.firstName("Павел", false, GEN));
        assertEquals("Ильиничной", RuNames.patronymic("Ильинична", true, INS));
    }
}
