package io.metroscope.vision;

import java.io.IOException;

/** A camera stopped delivering frames mid-stream (unplugged, driver reset, taken by another program). */
public class CameraDisconnectedException extends IOException {
    private static final long serialVersionUID = 1L;

    private final String device;

    public CameraDisconnectedException(String device, String problem) {
        super(device + ": " + problem + ". Fix: reconnect the camera (or close the program holding it) and start again");
        this.device = device;
    }

    /** The device, e.g. {@code /dev/video0}. */
    public String device() {
        return device;
    }
}
