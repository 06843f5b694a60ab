package io.pdshield.core.recognizers;

import io.pdshield.core.ContextWords;

/** Context words shared by several recognizers. */
public final class Lexicon {
    private Lexicon() {
    }

    /**
     * Words around a number that say it is not personal data: orders, tracking, prices, articles,
     * scores, tickets.
     */
    public static final ContextWords NEGATIVE_NUMBERS = ContextWords.of(
            "заказ", "трек", "артикул", "арт$", "цена", "стоимост", "руб", "₽", "скидк", "накладн",
            "sku", "order", "tracking", "штрихкод", "штрих-код", "промокод", "код товара", "матч",
            "тираж", "билет", "посылк", "отправлени", "партия", "серийный номер", "s/n", "чек$", "курс$", "курса$", "курс валют",
            "счет матча", "счёт матча", "со счетом", "итог", "выигрыш", "лот$", "кадастр");
}
