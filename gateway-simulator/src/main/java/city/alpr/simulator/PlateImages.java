package city.alpr.simulator;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Random;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/** Renders plate crops as a camera would send them: the plate text on a plate, with sensor noise, as JPEG. */
public final class PlateImages {

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private PlateImages() {
    }

    /**
     * A JPEG plate crop of about {@code targetBytes}: the noise level is what brings a small image to the size of
     * a real crop, so it is raised until the size is reached.
     */
    public static byte[] jpeg(String plate, int targetBytes, long seed) {
        byte[] image = render(plate, 0, seed);
        for (int noise = 4; image.length < targetBytes && noise <= 128; noise += 4) {
            image = render(plate, noise, seed);
        }
        return image;
    }

    private static byte[] render(String plate, int noise, long seed) {
        Random random = new Random(seed);
        BufferedImage image = new BufferedImage(240, 80, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(new Color(235, 235, 228));
        g.fillRect(0, 0, 240, 80);
        g.setColor(new Color(30, 40, 120));
        g.setStroke(new BasicStroke(3));
        g.drawRoundRect(4, 4, 231, 71, 12, 12);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 40));
        g.drawString(plate, 18, 60);
        g.setFont(new Font(Font.SERIF, Font.ITALIC, 13));
        g.setColor(new Color(160, 30, 30));
        g.drawString("California", 88, 17);
        g.dispose();
        if (noise > 0) {
            for (int y = 0; y < 80; y++) {
                for (int x = 0; x < 240; x++) {
                    int rgb = image.getRGB(x, y);
                    int delta = random.nextInt(2 * noise + 1) - noise;
                    int r = clamp(((rgb >> 16) & 0xFF) + delta);
                    int gr = clamp(((rgb >> 8) & 0xFF) + delta);
                    int b = clamp((rgb & 0xFF) + delta);
                    image.setRGB(x, y, (r << 16) | (gr << 8) | b);
                }
            }
        }
        return encode(image);
    }

    private static byte[] encode(BufferedImage image) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        try (ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(0.85f);
            writer.setOutput(out);
            writer.write(null, new IIOImage(image, null, null), param);
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
    }

    private static int clamp(int value) {
        return Math.max(0, Math.min(255, value));
    }
}
