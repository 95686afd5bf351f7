package dev.torpedo.sms.demo.admin;

import dev.torpedo.sms.demo.clock.DemoClock;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;

/**
 * "Simular horário": moves the host's clock ahead to a moment worth seeing (the window about to open, about to
 * close, closed) or to a chosen date, so that what waits and what goes out can be watched without waiting.
 */
@Controller
class ClockController {

    static final String PAGE = "/admin/horario";
    static final List<LocalTime> PRESETS = List.of(LocalTime.of(8, 55), LocalTime.of(17, 59), LocalTime.of(22, 0));
    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("EEEE, dd/MM/yyyy 'às' HH:mm",
            Locale.forLanguageTag("pt-BR"));
    private static final DateTimeFormatter INPUT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");

    private final DemoClock clock;

    ClockController(DemoClock clock) {
        this.clock = clock;
    }

    @GetMapping(PAGE)
    String page(Model model) {
        model.addAttribute("now", SHOWN.format(clock.now()));
        model.addAttribute("nowInput", INPUT.format(clock.now().plusHours(1)));
        model.addAttribute("ahead", clock.ahead().isZero() ? null : describe(clock.ahead()));
        model.addAttribute("presets", PRESETS.stream().map(time -> time.toString()).toList());
        return "admin/clock";
    }

    @PostMapping(PAGE)
    String jump(@RequestParam(name = "para", required = false) String preset,
                @RequestParam(name = "data", required = false) String typed, RedirectAttributes flash) {
        LocalDateTime target = target(preset, typed);
        if (target == null) {
            flash.addFlashAttribute("error", "Escolha um dos horários ou informe data e hora, como 10/03/2027 09:00.");
        } else if (!clock.jumpTo(target)) {
            flash.addFlashAttribute("error", "O relógio só anda para a frente: escolha um momento depois de "
                    + SHOWN.format(clock.now()) + ".");
        } else {
            flash.addFlashAttribute("notice", "Relógio da loja: " + SHOWN.format(clock.now()) + ".");
        }
        return "redirect:" + PAGE;
    }

    private LocalDateTime target(String preset, String typed) {
        if (preset != null && !preset.isBlank()) {
            return PRESETS.stream().filter(time -> time.toString().equals(preset.strip())).findFirst()
                    .map(clock::next).orElse(null);
        }
        if (typed == null || typed.isBlank()) {
            return null;
        }
        try {
            return LocalDateTime.parse(typed.strip(), INPUT);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String describe(java.time.Duration ahead) {
        long days = ahead.toDays();
        long hours = ahead.toHoursPart();
        long minutes = ahead.toMinutesPart();
        return (days > 0 ? days + " dia(s), " : "") + hours + " h " + minutes + " min à frente do horário real";
    }
}
