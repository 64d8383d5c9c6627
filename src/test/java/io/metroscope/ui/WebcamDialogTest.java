package io.metroscope.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.metroscope.vision.WebcamSource;
import io.metroscope.vision.WebcamSource.Resolution;
import java.util.List;
import javafx.scene.control.ComboBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The webcam dialog offers the devices present and the common sizes, and builds the camera settings. */
@ExtendWith(ApplicationExtension.class)
class WebcamDialogTest {

    @Start
    void start(Stage stage) {
        stage.show();
    }

    @Test
    void offersDevicesAndCommonResolutionsAndBuildsSettings(FxRobot robot) throws Exception {
        WebcamDialog[] dialog = new WebcamDialog[1];
        robot.interact(() -> dialog[0] = new WebcamDialog(List.of(0, 2)));
        @SuppressWarnings("unchecked")
        ComboBox<Resolution> sizes = FxLookup.in(dialog[0].getDialogPane(), "#webcam-resolution", ComboBox.class);
        assertThat(sizes.getItems()).extracting(Resolution::toString)
                .containsExactly("Camera default", "640×480", "1280×720", "1920×1080");
        WebcamSource.Settings first = dialog[0].settings();
        assertThat(first.device()).isZero();
        assertThat(first.width()).isEqualTo(640);
        assertThat(first.height()).isEqualTo(480);

        robot.interact(() -> dialog[0].choose("/dev/video2", new Resolution(1920, 1080), true));
        WebcamSource.Settings chosen = dialog[0].settings();
        assertThat(chosen.path().toString()).isEqualTo("/dev/video2");
        assertThat(chosen.width()).isEqualTo(1920);
        assertThat(chosen.height()).isEqualTo(1080);
        assertThat(chosen.mjpeg()).isTrue();

        robot.interact(() -> dialog[0].choose("/dev/video0", Resolution.DEFAULT, false));
        assertThat(dialog[0].settings().width()).as("the driver's default: nothing asked").isZero();
    }

    @Test
    void aResolutionNeedsBothSidesOrNeither() {
        assertThatThrownBy(() -> new Resolution(640, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
