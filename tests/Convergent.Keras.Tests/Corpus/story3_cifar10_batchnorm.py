# User story 3, second try: BatchNormalization after each block and dense layer (tf.keras 2.x).
import tensorflow as tf
from tensorflow import keras
from tensorflow.keras import layers
from tensorflow.keras.constraints import max_norm

(x_train, y_train), (x_test, y_test) = keras.datasets.cifar10.load_data()
x_train, x_test = x_train / 255.0, x_test / 255.0
y_train = keras.utils.to_categorical(y_train, 10)


def conv_block(model, filters, first=False):
    extra = {'input_shape': (32, 32, 3)} if first else {}
    model.add(layers.Conv2D(filters, (3, 3), padding='same', activation='relu', **extra))
    model.add(layers.Conv2D(filters, (3, 3), padding='same', activation='relu'))
    model.add(layers.MaxPooling2D((2, 2)))
    model.add(layers.BatchNormalization())
    model.add(layers.Dropout(0.2))


model = keras.models.Sequential(name="cifar_bn")
conv_block(model, 32, first=True)
conv_block(model, 64)
conv_block(model, 128)
model.add(layers.Flatten())
for units in (1024, 512):
    model.add(layers.Dense(units, activation='relu', kernel_constraint=max_norm(3)))
    model.add(layers.BatchNormalization())
    model.add(layers.Dropout(0.5))
model.add(layers.Dense(10, activation='softmax'))

model.compile(optimizer=keras.optimizers.Adam(learning_rate=1e-3),
              loss='categorical_crossentropy',
              metrics=['acc'])
model.fit(x_train, y_train, epochs=50, batch_size=64, validation_split=0.1, shuffle=True)
