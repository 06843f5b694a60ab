package io.pdshield.service.web;

import org.thymeleaf.context.ITemplateContext;
import org.thymeleaf.messageresolver.IMessageResolver;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/** The console's interface texts, English and Russian ({@code console/messages*.properties}). */
final class Messages implements IMessageResolver {
    @Override
    public String getName() {
        return "pdshield";
    }

    @Override
    public Integer getOrder() {
        return 0;
    }

    @Override
    public String resolveMessage(ITemplateContext context, Class<?> origin, String key, Object[] params) {
        Locale l = context.getLocale() == null ? Locale.ENGLISH : context.getLocale();
        try {
            String m = ResourceBundle.getBundle("console.messages", l, ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES)).getString(key);
            return params == null || params.length == 0 ? m : new MessageFormat(m, l).format(params);
        } catch (MissingResourceException e) {
            return null;
        }
    }

    @Override
    public String createAbsentMessageRepresentation(ITemplateContext context, Class<?> origin, String key, Object[] params) {
        return "??" + key + "??";
    }
}
