package city.alpr.systemtests;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.imageio.ImageIO;

import com.sun.net.httpserver.HttpServer;

/**
 * A city's own tile server, as its GIS would run one on its network: 256-pixel PNG tiles at {@code /tiles/z/x/y.png},
 * each a plain ground with its border, and a record of every tile asked for.
 */
final class CityTileServer implements AutoCloseable {

    private final HttpServer server;
    private final List<String> requested = new CopyOnWriteArrayList<>();

    CityTileServer() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/tiles/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            requested.add(path);
            byte[] png = tile();
            exchange.getResponseHeaders().add("Content-Type", "image/png");
            exchange.sendResponseHeaders(200, png.length);
            exchange.getResponseBody().write(png);
            exchange.close();
        });
        server.start();
    }

    /** The tiles' address as the console is configured with it. */
    String tiles() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/tiles/{z}/{x}/{y}.png";
    }

    List<String> requested() {
        return List.copyOf(requested);
    }

    private static byte[] tile() {
        BufferedImage image = new BufferedImage(256, 256, BufferedImage.TYPE_INT_RGB);
        Graphics2D drawing = image.createGraphics();
        drawing.setColor(new Color(0xE8, 0xE4, 0xD8));
        drawing.fillRect(0, 0, 256, 256);
        drawing.setColor(new Color(0xB0, 0xA8, 0x90));
        drawing.drawRect(0, 0, 255, 255);
        drawing.dispose();
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", png);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return png.toByteArray();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
